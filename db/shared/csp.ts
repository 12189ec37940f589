/**
 * The renderer's Content Security Policy, shared by the browser shell's server (cli/server.ts)
 * and the Electron window's session (electron/security.ts). Keep renderer/index.html's
 * <meta http-equiv="Content-Security-Policy"> in step with it (the page carries it too, wherever
 * it is loaded from; workers follow the header alone).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets pdf.js compile its WebAssembly decoders (JBIG2, CCITT fax, JPEG 2000
  // images of scanned documents, PostScript functions) in its worker. It allows no JavaScript eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  // pdf.js parses evidence PDFs in a worker started from the app's own bundle.
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // No frames: PDFs are drawn by pdf.js on a canvas, not shown in an iframe.
  "frame-src 'none'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
