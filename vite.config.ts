import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is one static bundle, loaded from file:// by Electron and over loopback by `dossier serve`.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    assetsInlineLimit: 0,
  },
});
