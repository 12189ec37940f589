import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Ctx } from '../contract.ts';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { refusal } from '../errors.ts';
import type { ListFormat, listImportInput } from '../shared/inputs/lists.ts';
import { entryContentHash, type ScreeningEntry } from '../screening/entry.ts';
import { readListFile } from '../screening/file.ts';
import { DEFAULT_LIST_NAMES, listFormat, parseListText } from '../screening/format.ts';
import { fileError } from '../screening/refusals.ts';
import { takeParsed } from '../screening/parse-cache.ts';
import { indexListEntries } from '../screening/screen.ts';

/**
 * Screening lists kept in the database: `lists.import` reads a list file from the evidence store,
 * parses it whole, and replaces the list's entries in the call's transaction, entry by entry by
 * key and content hash (an unchanged entry keeps its row and id; a changed one is updated; one no
 * longer listed is removed). The list's row says which file it came from (name, SHA-256, size),
 * when and by whom, and what the import did; it is the one audited record of an import (entries
 * are reference data, vouched for by the file's hash, not thousands of audit records). A file
 * that does not read is refused before anything is written, so the list stays as it was.
 */

export interface ScreeningListSummary {
  id: string;
  name: string;
  format: ListFormat;
  fileName: string;
  fileSha256: string;
  fileSize: number;
  /** The list's own date, when its file gives one. */
  listDate: string | null;
  entries: number;
  importedAt: string;
  importedBy: string;
  importedByBadge: string;
  /** 1 for the first import, one more for each import that wrote the list. */
  version: number;
  /** What the last import that wrote the list did. */
  lastImport: { added: number; changed: number; removed: number };
}

/**
 * new: the first import of this list; replaced: entries were added, changed or removed;
 * unchanged: every entry is as it was (the list's row records the new file, if it is another one).
 */
export type ListImportOutcome = 'new' | 'replaced' | 'unchanged';

export interface ListImportResult {
  outcome: ListImportOutcome;
  /** False when this very file was already the list's, with the same entries: nothing was written. */
  written: boolean;
  list: ScreeningListSummary;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Entries that shared a key with an earlier one in the file, numbered `key#2`, `key#3` in file order. */
  repeatedKeys: number;
}

interface ListRow {
  id: string;
  name: string;
  format: ListFormat;
  file_name: string;
  file_sha256: string;
  file_size: number;
  list_date: string | null;
  entry_count: number;
  added: number;
  changed: number;
  removed: number;
  imported_at: string;
  imported_by: string;
  imported_by_badge: string;
  version: number;
}

const LIST_COLUMNS = `id, name, format, file_name, file_sha256, file_size, list_date, entry_count, added, changed, removed,
  imported_at, imported_by, imported_by_badge, version`;

function summary(r: ListRow): ScreeningListSummary {
  return {
    id: r.id,
    name: r.name,
    format: r.format,
    fileName: r.file_name,
    fileSha256: r.file_sha256,
    fileSize: r.file_size,
    listDate: r.list_date,
    entries: r.entry_count,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    importedByBadge: r.imported_by_badge,
    version: r.version,
    lastImport: { added: r.added, changed: r.changed, removed: r.removed },
  };
}

function listByName(db: Db, name: string): ListRow | undefined {
  return sql(db, `SELECT ${LIST_COLUMNS} FROM screening_lists WHERE name = ?`).get(name) as ListRow | undefined;
}

/** Every list loaded, by name. */
export function listScreeningLists(db: Db): ScreeningListSummary[] {
  return (sql(db, `SELECT ${LIST_COLUMNS} FROM screening_lists ORDER BY name, seq`).all() as ListRow[]).map(summary);
}

interface Keyed {
  entry: ScreeningEntry;
  hash: string;
}

/** The file's entries by key; a key seen again gets `#2`, `#3`... in file order, so that no entry is lost. */
function byKey(entries: readonly { entry: ScreeningEntry }[]): { keyed: Map<string, Keyed>; repeated: number } {
  const keyed = new Map<string, Keyed>();
  const seen = new Map<string, number>();
  let repeated = 0;
  for (const { entry } of entries) {
    const n = (seen.get(entry.key) ?? 0) + 1;
    seen.set(entry.key, n);
    let key = entry.key;
    if (n > 1) {
      repeated++;
      key = `${entry.key}#${n}`;
      while (keyed.has(key)) key = `${key}#`;
    }
    const e = key === entry.key ? entry : { ...entry, key };
    keyed.set(key, { entry: e, hash: entryContentHash(e) });
  }
  return { keyed, repeated };
}

function entryParams(e: Keyed, listId: string): Record<string, string | number | null> {
  const x = e.entry;
  return {
    list_id: listId,
    entry_key: x.key,
    type: x.type,
    type_stated: x.typeStated ? 1 : 0,
    name: x.name,
    aliases: JSON.stringify(x.aliases),
    source: x.source,
    programs: JSON.stringify(x.programs),
    countries: JSON.stringify(x.countries),
    addresses: JSON.stringify(x.addresses),
    dates_of_birth: JSON.stringify(x.datesOfBirth),
    imo_number: x.imoNumber,
    identifiers: JSON.stringify(x.identifiers),
    vessel_flag: x.vesselFlag,
    listed_on: x.listedOn,
    remarks: x.remarks,
    source_url: x.sourceUrl,
    details: JSON.stringify(x.details),
    content_hash: e.hash,
  };
}

const ENTRY_FIELDS = [
  'type',
  'type_stated',
  'name',
  'aliases',
  'source',
  'programs',
  'countries',
  'addresses',
  'dates_of_birth',
  'imo_number',
  'identifiers',
  'vessel_flag',
  'listed_on',
  'remarks',
  'source_url',
  'details',
  'content_hash',
];

/** Writes what differs between the entries stored for the list and the file's: added, changed, removed. */
function applyEntries(
  db: Db,
  listId: string,
  stored: Map<string, { id: string; hash: string }>,
  diff: { added: Keyed[]; changed: Keyed[]; removed: string[] },
): void {
  const insert = sql(
    db,
    `INSERT INTO screening_entries (id, list_id, entry_key, ${ENTRY_FIELDS.join(', ')})
     VALUES (@id, @list_id, @entry_key, ${ENTRY_FIELDS.map((f) => `@${f}`).join(', ')})`,
  );
  const update = sql(
    db,
    `UPDATE screening_entries SET ${ENTRY_FIELDS.map((f) => `${f} = @${f}`).join(', ')} WHERE id = @id AND list_id = @list_id`,
  );
  const remove = sql(db, 'DELETE FROM screening_entries WHERE id = ?');
  for (const key of diff.removed) remove.run(stored.get(key)?.id);
  for (const e of diff.changed) update.run({ ...entryParams(e, listId), id: stored.get(e.entry.key)?.id ?? '' });
  for (const e of diff.added) insert.run({ ...entryParams(e, listId), id: randomUUID() });
}

export function importScreeningList(ctx: Ctx, input: z.output<typeof listImportInput>): ListImportResult {
  const text = readListFile(ctx.dataDir, input);
  const format = listFormat(input.format, input.fileName, text.slice(0, 4096));
  const name = input.name ?? DEFAULT_LIST_NAMES[format];
  const existing = listByName(ctx.db, name);
  if (existing && existing.format !== format) {
    throw fileError(
      refusal(
        'screening.format_changed',
        `the list "${name}" was loaded from a ${existing.format} file; this one is ${format}: give the list another name`,
        { name, loaded: existing.format, format },
      ),
      'format',
    );
  }
  // Parsed already by the import job's first reading of this very file, else here.
  const parsed = takeParsed(input.sha256, format) ?? parseListText(format, text);
  const { keyed, repeated } = byKey(parsed.entries);

  const stored = new Map<string, { id: string; hash: string }>();
  if (existing) {
    const rows = sql(ctx.db, 'SELECT id, entry_key, content_hash FROM screening_entries WHERE list_id = ?').all(existing.id) as {
      id: string;
      entry_key: string;
      content_hash: string;
    }[];
    for (const r of rows) stored.set(r.entry_key, { id: r.id, hash: r.content_hash });
  }
  const diff = { added: [] as Keyed[], changed: [] as Keyed[], removed: [] as string[] };
  for (const [key, e] of keyed) {
    const was = stored.get(key);
    if (!was) diff.added.push(e);
    else if (was.hash !== e.hash) diff.changed.push(e);
  }
  for (const key of stored.keys()) if (!keyed.has(key)) diff.removed.push(key);
  const counts = { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length };
  const unchanged = keyed.size - counts.added - counts.changed;
  const entriesDiffer = counts.added + counts.changed + counts.removed > 0;
  const outcome: ListImportOutcome = !existing ? 'new' : entriesDiffer ? 'replaced' : 'unchanged';

  const sameFile = existing !== undefined && existing.file_sha256 === input.sha256 && existing.list_date === parsed.listDate;
  if (existing && !entriesDiffer && sameFile) {
    return { outcome, written: false, list: summary(existing), ...counts, unchanged, repeatedKeys: repeated };
  }

  const id = existing?.id ?? randomUUID();
  const row = {
    id,
    name,
    format,
    file_name: input.fileName,
    file_sha256: input.sha256,
    file_size: input.size,
    list_date: parsed.listDate,
    entry_count: keyed.size,
    ...counts,
    imported_at: ctx.now(),
    imported_by: ctx.actor.name,
    imported_by_badge: ctx.actor.badge,
  };
  ctx.audit.track('screening_list', id, null, () => {
    if (existing) {
      sql(
        ctx.db,
        `UPDATE screening_lists SET file_name = @file_name, file_sha256 = @file_sha256, file_size = @file_size,
           list_date = @list_date, entry_count = @entry_count, added = @added, changed = @changed, removed = @removed,
           imported_at = @imported_at, imported_by = @imported_by, imported_by_badge = @imported_by_badge,
           version = version + 1
         WHERE id = @id`,
      ).run(row);
    } else {
      sql(
        ctx.db,
        `INSERT INTO screening_lists (id, name, format, file_name, file_sha256, file_size, list_date, entry_count, added,
           changed, removed, imported_at, imported_by, imported_by_badge)
         VALUES (@id, @name, @format, @file_name, @file_sha256, @file_size, @list_date, @entry_count, @added, @changed,
           @removed, @imported_at, @imported_by, @imported_by_badge)`,
      ).run(row);
    }
    applyEntries(ctx.db, id, stored, diff);
  });
  // The entries' blocking keys, for screening (derived: not audited).
  indexListEntries(ctx.db, id);
  const list = listByName(ctx.db, name) as ListRow;
  return { outcome, written: true, list: summary(list), ...counts, unchanged, repeatedKeys: repeated };
}
