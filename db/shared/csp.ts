/**
 * The renderer's Content Security Policy, shared by the browser shell's server (cli/server.ts)
 * and the Electron window's session (electron/security.ts). Keep renderer/index.html's
 * <meta http-equiv="Content-Security-Policy"> in step with it: for file:// pages the meta tag
 * is what Chromium enforces.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // PDF previews of evidence files are shown from blob: URLs made by the renderer.
  'frame-src blob:',
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
