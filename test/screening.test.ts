/** Screening on a real database file: hits raised as entities are written, decisions audited, dismissals held until the entry changes. */
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import { ingestStream } from '../db/evidence-store.ts';
import type { ScreeningHit } from '../db/services/screening-hits.ts';
import { screenAll } from '../db/screening/screen.ts';
import { CSL_V1, cslCsv, type CslRow } from './screening-fixtures.ts';
import { err, ok, tempDir } from './helpers.ts';

const dir = tempDir();
let core: Core;
const inv = <T = { id: string }>(method: string, input: unknown) => ok<T>(core.invoke(method, input));
const hitsOf = (entityId: string, extra: Record<string, unknown> = {}) =>
  inv<{ rows: ScreeningHit[]; total: number }>('screening.hits', { entityId, ...extra }).rows;

async function importList(rows: readonly CslRow[]) {
  const bytes = Buffer.from(cslCsv(rows), 'utf8');
  const stored = await ingestStream(Readable.from([bytes]), core.dataDir, { expectedSize: bytes.length });
  return inv<{ list: { id: string } }>('lists.import', { sha256: stored.sha256, size: stored.size, fileName: 'csl.csv' });
}

let listId = '';
/** A tanker listed under one name, with a valid IMO number (the fixture's fails the check digit Dossier asks for). */
const TANKER: CslRow = {
  _id: '36099',
  source: CSL_V1[0]?.source ?? '',
  entity_number: '36099',
  type: 'Vessel',
  programs: 'IRAN',
  name: 'CASPIAN DAWN',
  vessel_flag: 'Panama',
  ids: 'IMO, 9074729',
};
beforeAll(async () => {
  core = await openCore(path.join(dir, 'screening.db'), { actor: { name: 'Amélie Tremblay', badge: 'CBSA-4471' } });
  listId = (await importList([...CSL_V1, TANKER])).list.id;
});
afterAll(() => core.close());

describe('screening', () => {
  it('raises a hit when a matching person is recorded, with the score, the entry and the reasons', () => {
    const petrov = inv('entities.create', { kind: 'person', givenName: 'Иван', familyName: 'Петров', nationality: 'RU' }).id;
    const hits = hitsOf(petrov);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      listId,
      entryName: expect.stringMatching(/petrov/i),
      status: 'open',
      entityName: 'Иван Петров',
    });
    expect(hits[0]?.score).toBeGreaterThanOrEqual(70);
    expect(hits[0]?.reasons.length).toBeGreaterThan(0);
    // Someone else is not raised; a vessel is found by its IMO number under another name.
    const other = inv('entities.create', { kind: 'person', givenName: 'Olga', familyName: 'Smirnova', nationality: 'RU' }).id;
    expect(hitsOf(other)).toEqual([]);
    const vessel = inv('entities.create', {
      kind: 'conveyance',
      subtype: 'vessel',
      vesselName: 'Morning Star',
      imoNumber: '9074729',
    }).id;
    expect(hitsOf(vessel).map((h) => h.entryName)).toEqual(['CASPIAN DAWN']);
  });

  it('records a decision with its reason in the audit trail; a dismissal holds on screening again', () => {
    const id = inv('entities.create', { kind: 'person', givenName: 'Ivan', familyName: 'Petrov' }).id;
    const hit = hitsOf(id)[0];
    if (!hit) throw new Error('no hit');
    const reviewed = inv<ScreeningHit>('screening.review', {
      entityId: id,
      listId,
      entryKey: hit.entryKey,
      decision: 'dismissed',
      reason: 'Another Ivan Petrov: born 1981 in Tomsk',
    });
    expect(reviewed).toMatchObject({
      status: 'dismissed',
      review: { reason: 'Another Ivan Petrov: born 1981 in Tomsk', decidedBy: 'Amélie Tremblay' },
    });
    const audit = core.db
      .prepare(
        "SELECT method, record_type, after FROM audit_log WHERE record_type = 'screening_review' ORDER BY seq DESC LIMIT 1",
      )
      .get() as { method: string; after: string };
    expect(audit.method).toBe('screening.review');
    expect(JSON.parse(audit.after)).toMatchObject({ decision: 'dismissed', entity_id: id });
    // Edited (screened again) and the whole table screened again: still dismissed, not open.
    const view = inv<{ entity: { version: number } }>('entities.get', { id });
    inv('entities.update', {
      id,
      version: view.entity.version,
      kind: 'person',
      givenName: 'Ivan',
      familyName: 'Petrov',
      nationality: 'RU',
    });
    expect(hitsOf(id, { status: ['open'] })).toEqual([]);
    screenAll(core.db, { now: new Date().toISOString() });
    expect(hitsOf(id).map((h) => h.status)).toEqual(['dismissed']);
    // Refused without a reason, or for a hit that is not there; nothing written.
    expect(
      err(core.invoke('screening.review', { entityId: id, listId, entryKey: hit.entryKey, decision: 'confirmed', reason: ' ' })),
    ).toMatchObject({ code: 'invalid_input', field: 'reason' });
    expect(
      err(core.invoke('screening.review', { entityId: id, listId, entryKey: 'SDN:0', decision: 'confirmed', reason: 'x' })),
    ).toMatchObject({
      code: 'not_found',
      field: 'entryKey',
    });
  });

  it('raises a dismissed hit again when a newer edition of the list changes the entry', async () => {
    const id = inv('entities.create', { kind: 'person', givenName: 'Iwan', familyName: 'Petrow' }).id;
    const hit = hitsOf(id)[0];
    if (!hit) throw new Error('no hit');
    inv('screening.review', { entityId: id, listId, entryKey: hit.entryKey, decision: 'dismissed', reason: 'Not him' });
    const changed = CSL_V1.map((r) => (r._id === '36001' ? { ...r, remarks: 'Also director of Volga Logistics.' } : r));
    await importList(changed);
    screenAll(core.db, { now: new Date().toISOString() });
    expect(hitsOf(id).find((h) => h.entryKey === hit.entryKey)?.status).toBe('open');
  });

  it('screens nothing that is not a person, an organization or a conveyance, nor a merged record', () => {
    const address = inv('entities.create', { kind: 'address', lines: ['Ulitsa Lenina 1'], city: 'Moscow', country: 'RU' }).id;
    expect(hitsOf(address)).toEqual([]);
  });
});
