/**
 * The text of an evidence file, for the search: plain text and CSV as they are (UTF-8, else
 * Latin-1), a PDF's text through pdfjs-dist (Mozilla's PDF.js). Derived data: the evidence
 * file is never changed, and the text goes in its own table (evidence_text).
 */
import fs from 'node:fs';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { blobPath } from '../evidence-store.ts';
import { refreshSearchDocs } from './docs.ts';

/** Text beyond this is not kept (the search reads the first 200,000 characters of it anyway). */
const MAX_CHARS = 400_000;
/** A PDF with more pages is read up to here. */
const MAX_PAGES = 500;

export type ExtractMethod = 'text' | 'pdf' | 'none';

const TEXT_TYPES = /^(text\/|application\/(json|xml|csv)\b)/;

export async function extractText(file: string, mediaType: string): Promise<{ text: string; method: ExtractMethod }> {
  if (TEXT_TYPES.test(mediaType)) {
    const bytes = await fs.promises.readFile(file);
    const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, MAX_CHARS * 4));
    // Many replacement characters: not UTF-8; read as Latin-1 (Windows exports of CSV often are).
    const bad = (utf8.match(/\uFFFD/g) ?? []).length;
    const text = bad > utf8.length / 100 ? new TextDecoder('latin1').decode(bytes.subarray(0, MAX_CHARS)) : utf8;
    return { text: text.slice(0, MAX_CHARS), method: 'text' };
  }
  if (mediaType === 'application/pdf') return { text: await pdfText(file), method: 'pdf' };
  return { text: '', method: 'none' };
}

async function pdfText(file: string): Promise<string> {
  polyfillWithResolvers();
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(await fs.promises.readFile(file));
  const task = getDocument({ data, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES) && length < MAX_CHARS; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('');
      pages.push(text);
      length += text.length;
      page.cleanup();
    }
    return pages.join('\n').slice(0, MAX_CHARS);
  } finally {
    await task.destroy();
  }
}

/** pdfjs-dist 6 calls Promise.withResolvers, which Node has from version 22 (Electron's has it). */
function polyfillWithResolvers(): void {
  const P = Promise as { withResolvers?: unknown };
  if (typeof P.withResolvers === 'function') return;
  P.withResolvers = <T>() => {
    let resolve!: (value: T) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((a, b) => {
      resolve = a;
      reject = b;
    });
    return { promise, resolve, reject };
  };
}

/**
 * Reads the text of the evidence files that have none yet (or of `ids`), keeps it, and puts it in
 * the search index. A file missing from the store is left for later (the check reports it).
 */
export async function extractEvidenceText(
  db: Db,
  dataDir: string,
  o: {
    ids?: readonly string[] | undefined;
    now: string;
    progress?: (done: number, total: number, name: string) => void;
    cancelled?: () => boolean;
  },
): Promise<{ extracted: number; withText: number; missing: number }> {
  const rows = (
    o.ids?.length
      ? sql(db, 'SELECT id, sha256, media_type, original_name FROM evidence WHERE id IN (SELECT value FROM json_each(?))').all(
          JSON.stringify(o.ids),
        )
      : sql(
          db,
          `SELECT id, sha256, media_type, original_name FROM evidence e
           WHERE NOT EXISTS (SELECT 1 FROM evidence_text t WHERE t.evidence_id = e.id) ORDER BY seq`,
        ).all()
  ) as { id: string; sha256: string; media_type: string; original_name: string }[];
  const keep = sql(
    db,
    `INSERT INTO evidence_text (evidence_id, text, extracted_at, method) VALUES (?, ?, ?, ?)
     ON CONFLICT (evidence_id) DO UPDATE SET text = excluded.text, extracted_at = excluded.extracted_at, method = excluded.method`,
  );
  let extracted = 0;
  let withText = 0;
  let missing = 0;
  for (const [i, row] of rows.entries()) {
    if (o.cancelled?.()) break;
    o.progress?.(i, rows.length, row.original_name);
    const file = blobPath(dataDir, row.sha256);
    if (!fs.existsSync(file)) {
      missing++;
      continue;
    }
    let result: { text: string; method: ExtractMethod };
    try {
      result = await extractText(file, row.media_type);
    } catch {
      // A damaged or encrypted PDF has no text to offer; it is still found by its name.
      result = { text: '', method: 'none' };
    }
    db.transaction(() => {
      keep.run(row.id, result.text, o.now, result.method);
      refreshSearchDocs(db, [{ type: 'evidence', id: row.id }]);
    }).immediate();
    extracted++;
    if (result.text.trim()) withText++;
  }
  o.progress?.(rows.length, rows.length, '');
  return { extracted, withText, missing };
}
