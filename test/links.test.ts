/** Links complete: a confidence, corrected or ended (validTo) with their earlier terms in the audit trail, removal audited. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import type { EntityLink } from '../db/api.ts';
import { checkOf, err, lastAuditSeq, ok, tempDir } from './helpers.ts';

const dir = tempDir();
let core: Core;
let org = '';
let person = '';
let other = '';

beforeAll(async () => {
  core = await openCore(path.join(dir, 'links.db'), { actor: { name: 'Amélie Tremblay', badge: 'B-1' } });
  const entity = (input: Record<string, unknown>) => ok<{ id: string }>(core.invoke('entities.create', input)).id;
  org = entity({ kind: 'organization', legalName: 'Ararat Logistics LLC' });
  other = entity({ kind: 'organization', legalName: 'Yerevan Trading CJSC' });
  person = entity({ kind: 'person', givenName: 'Arsen', familyName: 'Petrosyan' });
});
afterAll(() => core.close());

const link = (input: Record<string, unknown>) =>
  ok<EntityLink>(
    core.invoke('entities.link', {
      fromId: person,
      toId: org,
      type: 'director_of',
      source: 'Registry extract 2026-118',
      ...input,
    }),
  );

describe('links', () => {
  it('carry a confidence: confirmed by default, probable or possible when said, nothing else', () => {
    expect(link({}).confidence).toBe('confirmed');
    expect(link({ source: 'Informant', confidence: 'possible' }).confidence).toBe('possible');
    expect(
      err(core.invoke('entities.link', { fromId: person, toId: org, type: 'director_of', source: 'x', confidence: 'sure' })),
    ).toMatchObject({
      code: 'invalid_input',
      field: 'confidence',
    });
  });

  it('are corrected and ended through entities.updateLink, the earlier terms kept in the audit trail', () => {
    const owns = ok<EntityLink>(
      core.invoke('entities.link', {
        fromId: org,
        toId: other,
        type: 'owns',
        shareBp: 5100,
        source: 'Annual return 2025',
        confidence: 'probable',
      }),
    );
    const from = lastAuditSeq(core.db);
    const corrected = ok<EntityLink>(
      core.invoke('entities.updateLink', {
        id: owns.id,
        version: owns.version,
        shareBp: 7500,
        confidence: 'confirmed',
        validFrom: '2024-05-01',
      }),
    );
    expect(corrected).toMatchObject({
      shareBp: 7500,
      confidence: 'confirmed',
      validFrom: '2024-05-01',
      version: 2,
      type: 'owns',
    });
    const ended = ok<EntityLink>(core.invoke('entities.updateLink', { id: owns.id, version: 2, validTo: '2026-02-28' }));
    expect(ended).toMatchObject({ validTo: '2026-02-28', version: 3 });
    const trail = core.db.prepare('SELECT method, before, after FROM audit_log WHERE seq > ? ORDER BY seq').all(from) as {
      method: string;
      before: string;
      after: string;
    }[];
    expect(trail.map((r) => r.method)).toEqual(['entities.updateLink', 'entities.updateLink']);
    expect(JSON.parse(trail[0]?.before ?? '{}')).toMatchObject({ share_bp: 5100, confidence: 'probable' });
    expect(JSON.parse(trail[1]?.after ?? '{}')).toMatchObject({ valid_to: '2026-02-28' });
    // Nothing to change: nothing written.
    const seq = lastAuditSeq(core.db);
    ok(core.invoke('entities.updateLink', { id: owns.id, validTo: '2026-02-28' }));
    expect(lastAuditSeq(core.db)).toBe(seq);
  });

  it('refuses a correction that does not hold together, and a stale version, changing nothing', () => {
    const l = link({ source: 'Customs declaration CA-2026-0412' });
    const seq = lastAuditSeq(core.db);
    expect(err(core.invoke('entities.updateLink', { id: l.id, shareBp: 100 }))).toMatchObject({
      field: 'shareBp',
      reason: 'link.share_only_owns',
    });
    expect(err(core.invoke('entities.updateLink', { id: l.id, validFrom: '2026-03-01', validTo: '2026-01-01' }))).toMatchObject({
      field: 'validTo',
      reason: 'range.to_before_from',
    });
    ok(core.invoke('entities.updateLink', { id: l.id, validFrom: '2025-01-01' }));
    expect(err(core.invoke('entities.updateLink', { id: l.id, version: 1, notes: 'late edit' }))).toMatchObject({
      code: 'conflict',
      reason: 'version.conflict',
    });
    expect(err(core.invoke('entities.updateLink', { id: l.id, type: 'owns' }))).toMatchObject({ field: 'type' });
    expect(err(core.invoke('entities.updateLink', { id: '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11', notes: 'x' }))).toMatchObject({
      code: 'not_found',
    });
    expect(lastAuditSeq(core.db)).toBe(seq + 1);
  });

  it('removed, a link stays in the audit trail with what it said; check is green', () => {
    const l = link({ source: 'Website', confidence: 'possible' });
    ok(core.invoke('entities.unlink', { id: l.id }));
    const last = core.db.prepare('SELECT method, before, after FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      method: string;
      before: string;
      after: string | null;
    };
    expect(last.method).toBe('entities.unlink');
    expect(last.after).toBeNull();
    expect(JSON.parse(last.before)).toMatchObject({ source: 'Website', confidence: 'possible' });
    expect(checkOf(core.db).problems).toEqual([]);
  });
});
