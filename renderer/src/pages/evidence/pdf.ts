/// <reference types="vite/client" />
/**
 * pdf.js for evidence previews, in the sandboxed renderer: the document is parsed in a worker
 * started from the app's own bundle, pages are drawn on a canvas, and nothing of the PDF runs:
 * no annotation layer (no links, no forms), no scripting (pdf.js runs PDF JavaScript only in
 * its viewer's sandbox, which is not loaded), no XFA. pdf.js 6 has no eval code path at all (its
 * old `isEvalSupported` option is gone) and the CSP allows no JavaScript eval.
 *
 * pdf.js itself is loaded on first use (a chunk of its own), so the rest of the app does not pay
 * for it. Its data files (character maps for CJK fonts, the 14 standard fonts, WebAssembly image
 * decoders) are assets of the bundle, handed to it by name through BundledData.
 */
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';

type DataKind = 'cMapUrl' | 'standardFontDataUrl' | 'wasmUrl';

const byName = (urls: Record<string, string>): Map<string, string> =>
  new Map(Object.entries(urls).map(([file, url]) => [file.slice(file.lastIndexOf('/') + 1), url]));

// Vite emits each file as an asset and gives its URL; pdf.js asks for them by file name.
const DATA: Record<DataKind, Map<string, string>> = {
  cMapUrl: byName(
    import.meta.glob<string>('../../../../node_modules/pdfjs-dist/cmaps/*.bcmap', {
      query: '?url',
      import: 'default',
      eager: true,
    }),
  ),
  standardFontDataUrl: byName(
    import.meta.glob<string>('../../../../node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}', {
      query: '?url',
      import: 'default',
      eager: true,
    }),
  ),
  wasmUrl: byName(
    import.meta.glob<string>('../../../../node_modules/pdfjs-dist/wasm/{jbig2,openjpeg}.wasm', {
      query: '?url',
      import: 'default',
      eager: true,
    }),
  ),
};

/**
 * pdf.js's BinaryDataFactory (the `BinaryDataFactory` option): the worker asks the page for a
 * data file by kind and name, and gets the bundled one, or an error for a name the bundle lacks.
 */
class BundledData {
  constructor(_urls: unknown) {}

  async fetch({ kind, filename }: { kind: DataKind; filename: string }): Promise<Uint8Array> {
    const url = DATA[kind]?.get(filename);
    if (!url) throw new Error(`pdf.js data ${kind}/${filename} is not bundled`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`pdf.js data ${filename}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

export interface OpenPdf {
  doc: PDFDocumentProxy;
  /** Stops the worker and frees the document. */
  close(): void;
}

/** Why a PDF could not be opened, in terms the preview can translate. */
export class PdfOpenError extends Error {
  constructor(
    readonly kind: 'password' | 'invalid' | 'other',
    message: string,
  ) {
    super(message);
  }
}

/** Opens a PDF's bytes in a fresh worker of its own (terminated by close()). */
export async function openPdf(bytes: Uint8Array): Promise<OpenPdf> {
  const pdfjs = await import('pdfjs-dist');
  // `new Worker(new URL(..., import.meta.url))` is what Vite bundles as a worker file (.js, so the
  // browser shell serves it as JavaScript) under the app's origin: worker-src 'self'.
  const port = new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), { type: 'module' });
  const worker = new pdfjs.PDFWorker({ port: port as never });
  let task: PDFDocumentLoadingTask | null = null;
  const close = () => {
    void task?.destroy();
    worker.destroy();
    port.terminate();
  };
  try {
    task = pdfjs.getDocument({
      data: bytes,
      worker,
      BinaryDataFactory: BundledData,
      useWorkerFetch: false,
      // Fonts from the PDF or the bundled standard ones, never the machine's: the same page everywhere.
      useSystemFonts: false,
      enableXfa: false,
      disableWorkerRendering: true,
      // Seized files may be hostile: no image of more than 100 million pixels is decoded.
      maxImageSize: 100_000_000,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    });
    return { doc: await task.promise, close };
  } catch (err) {
    close();
    const name = err instanceof Error ? err.name : '';
    const message = err instanceof Error ? err.message : String(err);
    if (name === 'PasswordException') throw new PdfOpenError('password', message);
    if (name === 'InvalidPDFException') throw new PdfOpenError('invalid', message);
    throw new PdfOpenError('other', message);
  }
}
