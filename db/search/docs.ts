/**
 * What the search finds each record by: its title (what a hit shows) and its text, read from the
 * record and its parts (a seizure with its goods lines, a detention with its information
 * requests, a penalty with its payments, an evidence file with the text read from it).
 */
import anyAscii from 'any-ascii';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { RecordType } from '../shared/records.ts';
import { SEARCH_TYPES, type SearchType } from '../shared/inputs/search.ts';

export { SEARCH_TYPES, type SearchType };

export interface SearchDoc {
  type: SearchType;
  id: string;
  caseId: string | null;
  title: string;
  body: string;
}

/** Evidence text beyond this is not searched (a 2,000-page scan's text would swamp the index). */
const EVIDENCE_TEXT_CHARS = 200_000;

/** Lower-case ASCII: accents, ligatures and other scripts folded as any-ascii does (ø, ß, ł, æ, Cyrillic, Greek). */
export function foldForSearch(text: string): string {
  return anyAscii(text.normalize('NFC')).toLowerCase();
}

const join = (...parts: (string | null | undefined)[]) =>
  parts
    .map((p) => (p ?? '').trim())
    .filter(Boolean)
    .join('\n');

const readers: Record<SearchType, (db: Db, id: string) => SearchDoc | null> = {
  case(db, id) {
    const c = sql(
      db,
      `SELECT id, file_number, title, summary, notes, lead_investigator, agency, legal_authorities, violation_type
       FROM cases WHERE id = ?`,
    ).get(id) as Record<string, string | null> | undefined;
    if (!c) return null;
    return {
      type: 'case',
      id,
      caseId: id,
      title: `${c.file_number} · ${c.title}`,
      body: join(c.file_number, c.title, c.summary, c.notes, c.lead_investigator, c.agency, c.legal_authorities),
    };
  },
  entity(db, id) {
    const e = sql(db, 'SELECT name, search_text, notes, country, merged_into FROM entities WHERE id = ?').get(id) as
      { name: string; search_text: string; notes: string; country: string | null; merged_into: string | null } | undefined;
    // A merged record is found through its survivor, which keeps its names as aliases.
    if (!e || e.merged_into) return null;
    return { type: 'entity', id, caseId: null, title: e.name, body: join(e.name, e.search_text, e.notes) };
  },
  seizure(db, id) {
    const s = sql(
      db,
      `SELECT case_id, seizure_number, place, seizing_officer, legal_provision, storage_location, custodian, notes
       FROM seizures WHERE id = ?`,
    ).get(id) as Record<string, string | null> | undefined;
    if (!s) return null;
    const items = sql(
      db,
      `SELECT description, hs_code, eccn, origin_country, seal_numbers FROM seized_items WHERE seizure_id = ? ORDER BY seq`,
    ).all(id) as Record<string, string | null>[];
    const goods = items.map((i) =>
      join(i.description, i.hs_code, i.eccn, (JSON.parse(i.seal_numbers ?? '[]') as string[]).join(' ')),
    );
    return {
      type: 'seizure',
      id,
      caseId: s.case_id ?? null,
      title: `${s.seizure_number} · ${s.place}`,
      body: join(
        s.seizure_number,
        s.place,
        s.seizing_officer,
        s.legal_provision,
        s.storage_location,
        s.custodian,
        ...goods,
        s.notes,
      ),
    };
  },
  detention(db, id) {
    const d = sql(
      db,
      `SELECT case_id, detention_number, subject, place, legal_authority, declared_permit, declared_eccn, reason, notes
       FROM detentions WHERE id = ?`,
    ).get(id) as Record<string, string | null> | undefined;
    if (!d) return null;
    const requests = sql(db, 'SELECT description FROM detention_info_requests WHERE detention_id = ? ORDER BY seq')
      .pluck()
      .all(id) as string[];
    return {
      type: 'detention',
      id,
      caseId: d.case_id ?? null,
      title: `${d.detention_number} · ${d.subject}`,
      body: join(
        d.detention_number,
        d.subject,
        d.place,
        d.legal_authority,
        d.declared_permit,
        d.declared_eccn,
        d.reason,
        ...requests,
        d.notes,
      ),
    };
  },
  penalty(db, id) {
    const p = sql(
      db,
      `SELECT case_id, notice_number, contravention_code, reduction_reason, status_reason, notes FROM penalties WHERE id = ?`,
    ).get(id) as Record<string, string | null> | undefined;
    if (!p) return null;
    return {
      type: 'penalty',
      id,
      caseId: p.case_id ?? null,
      title: `${p.notice_number} · ${p.contravention_code}`,
      body: join(p.notice_number, p.contravention_code, p.reduction_reason, p.status_reason, p.notes),
    };
  },
  evidence(db, id) {
    const e = sql(
      db,
      `SELECT e.case_id, e.original_name, e.description, e.acquired_from, e.sha256, t.text
       FROM evidence e LEFT JOIN evidence_text t ON t.evidence_id = e.id WHERE e.id = ?`,
    ).get(id) as Record<string, string | null> | undefined;
    if (!e) return null;
    return {
      type: 'evidence',
      id,
      caseId: e.case_id ?? null,
      title: e.original_name ?? '',
      body: join(e.original_name, e.description, e.acquired_from, e.sha256, (e.text ?? '').slice(0, EVIDENCE_TEXT_CHARS)),
    };
  },
};

export function readSearchDoc(db: Db, type: SearchType, id: string): SearchDoc | null {
  return readers[type](db, id);
}

/** The search documents a change to an audited record touches (its own, or its parent's). */
export function docsTouchedBy(db: Db, type: RecordType, id: string): { type: SearchType; id: string }[] {
  const parent = (query: string): { type: SearchType; id: string }[] => {
    const found = sql(db, query).pluck().get(id) as string | undefined;
    return found ? [{ type: PARENT_TYPE[type] ?? 'case', id: found }] : [];
  };
  switch (type) {
    case 'case':
    case 'entity':
    case 'seizure':
    case 'detention':
    case 'penalty':
    case 'evidence':
      return [{ type, id }];
    case 'seized_item':
      return parent('SELECT seizure_id FROM seized_items WHERE id = ?');
    case 'detention_info_request':
      return parent('SELECT detention_id FROM detention_info_requests WHERE id = ?');
    case 'penalty_payment':
      return parent('SELECT penalty_id FROM penalty_payments WHERE id = ?');
    default:
      return [];
  }
}

/** The search documents of the records a call changed, each once. */
export function searchDocsOf(db: Db, changed: readonly { type: RecordType; id: string }[]): { type: SearchType; id: string }[] {
  const seen = new Map<string, { type: SearchType; id: string }>();
  for (const c of changed) for (const d of docsTouchedBy(db, c.type, c.id)) seen.set(`${d.type}:${d.id}`, d);
  return [...seen.values()];
}

const PARENT_TYPE: Partial<Record<RecordType, SearchType>> = {
  seized_item: 'seizure',
  detention_info_request: 'detention',
  penalty_payment: 'penalty',
};

/** Writes (or removes) the search rows of `refs` from the records as they are now. */
export function refreshSearchDocs(db: Db, refs: Iterable<{ type: SearchType; id: string }>): void {
  const upsert = sql(
    db,
    `INSERT INTO search_docs (record_type, record_id, case_id, title, body, ftitle, fbody) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (record_type, record_id) DO UPDATE SET case_id = excluded.case_id, title = excluded.title,
       body = excluded.body, ftitle = excluded.ftitle, fbody = excluded.fbody
     WHERE search_docs.body <> excluded.body OR search_docs.title <> excluded.title OR search_docs.case_id IS NOT excluded.case_id`,
  );
  const remove = sql(db, 'DELETE FROM search_docs WHERE record_type = ? AND record_id = ?');
  for (const ref of refs) {
    const doc = readSearchDoc(db, ref.type, ref.id);
    if (doc) upsert.run(doc.type, doc.id, doc.caseId, doc.title, doc.body, foldForSearch(doc.title), foldForSearch(doc.body));
    else remove.run(ref.type, ref.id);
  }
}

const TABLE_OF: Record<SearchType, string> = {
  case: 'cases',
  entity: 'entities',
  seizure: 'seizures',
  detention: 'detentions',
  penalty: 'penalties',
  evidence: 'evidence',
};

/** Builds the whole index again from the records (dossier search --rebuild, and a file migrated to 014). */
export function rebuildSearchIndex(
  db: Db,
  o: { progress?: (done: number, total: number) => void; cancelled?: () => boolean } = {},
): { docs: number } {
  const total = SEARCH_TYPES.reduce(
    (n, type) => n + (sql(db, `SELECT count(*) FROM ${TABLE_OF[type]}`).pluck().get() as number),
    0,
  );
  let done = 0;
  const rebuild = db.transaction(() => {
    db.exec('DELETE FROM search_docs');
    for (const type of SEARCH_TYPES) {
      const ids = sql(db, `SELECT id FROM ${TABLE_OF[type]} ORDER BY seq`).pluck().all() as string[];
      const batch: { type: SearchType; id: string }[] = [];
      for (const id of ids) {
        batch.push({ type, id });
        if (batch.length === 1000) {
          refreshSearchDocs(db, batch.splice(0));
          done += 1000;
          o.progress?.(done, total);
          if (o.cancelled?.()) throw new RebuildCancelled();
        }
      }
      refreshSearchDocs(db, batch);
      done += batch.length;
      o.progress?.(done, total);
    }
    db.prepare('UPDATE search_meta SET built = 1').run();
  });
  rebuild.immediate();
  return { docs: sql(db, 'SELECT count(*) FROM search_docs').pluck().get() as number };
}

export class RebuildCancelled extends Error {}

/** True while the index has not been built since the file reached migration 014. */
export function searchIndexPending(db: Db): boolean {
  return (sql(db, 'SELECT built FROM search_meta').pluck().get() as number | undefined) === 0;
}
