/** The data of an evidence package (db/package/case-data.ts): every record of one case, and only its own. */
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../db/index.ts';
import { auditRowHash, canonicalJson, type AuditRow } from '../db/audit.ts';
import { ingestStream } from '../db/evidence-store.ts';
import { CSV_TABLES, PARTNER_WITHHOLDS, collectCase, type CaseData } from '../db/package/case-data.ts';
import { caseWithParties, newCore } from './enforcement-fixtures.ts';
import { ok, tempDir } from './helpers.ts';

const NOTES = {
  case: 'Source FALCON: the consignee fronts for a Moscow distributor',
  role: 'Named by a confidential informant',
  entity: 'Director is a former employee of the exporter',
  link: 'Seen together at the trade fair',
  seizure: 'Crates opened in the presence of the broker',
  custody: 'Handed over in the car park, seals checked',
  detention: 'Exporter was evasive on the telephone',
  penalty: 'Counsel asked for time to pay',
};

interface Crafted {
  core: Core;
  caseId: string;
  ids: {
    entities: string[];
    outsider: string;
    lead: string;
    leadLink: string;
    links: string[];
    seizure: string;
    items: string[];
    entries: string[];
    detention: string;
    request: string;
    penalty: string;
    payment: string;
    evidence: string[];
  };
  other: { caseId: string; seizure: string; penalty: string; entity: string; evidence: string };
}

async function attach(core: Core, caseId: string, text: string, name: string): Promise<string> {
  const stored = await ingestStream(Readable.from([Buffer.from(text)]), core.dataDir);
  return ok<{ id: string }>(
    core.invoke('evidence.attach', {
      caseId,
      sha256: stored.sha256,
      size: stored.size,
      originalName: name,
      mediaType: 'text/plain',
    }),
  ).id;
}

async function craft(): Promise<Crafted> {
  const core = await newCore(tempDir());
  const p = caseWithParties(core, { notes: NOTES.case, summary: 'FPGAs, "Virtex", 12, diverted; see notes' });
  const inv = <T = { id: string }>(method: string, input: unknown) => ok<T>(core.invoke(method, input));
  inv('cases.addEntity', { caseId: p.caseId, entityId: p.exporterId, role: 'exporter', notes: '' });
  inv('cases.addEntity', { caseId: p.caseId, entityId: p.personId, role: 'suspect', notes: NOTES.role });
  const outsider = inv('entities.create', {
    kind: 'organization',
    legalName: 'Outside Holdings Ltd',
    country: 'CY',
    notes: NOTES.entity,
  }).id;
  const lead = inv('entities.create', { kind: 'person', givenName: 'Борис', familyName: 'Лебедев' }).id;
  const links = [
    inv('entities.link', {
      type: 'director_of',
      fromId: p.personId,
      toId: p.exporterId,
      source: 'Registry extract',
      notes: NOTES.link,
    }),
    inv('entities.link', {
      type: 'located_at',
      fromId: p.consigneeId,
      toId: p.addressId,
      source: 'Bill of lading',
      validFrom: '2025-06-01',
    }),
    inv('entities.link', { type: 'owns', fromId: outsider, toId: p.exporterId, source: 'Registry extract', shareBp: 5100 }),
  ].map((l) => l.id);
  const leadLink = inv('entities.link', {
    type: 'associated',
    fromId: p.personId,
    toId: lead,
    source: 'Informant FALCON',
    confidence: 'possible',
  }).id;
  const seizure = inv<{ id: string; items: { id: string }[] }>('seizures.create', {
    caseId: p.caseId,
    seizedAt: '2026-03-10T09:00:00Z',
    place: 'Port of Montréal, berth 27',
    seizingOfficer: 'Test Officer',
    seizedFromEntityId: p.exporterId,
    ownerEntityId: p.consigneeId,
    claimantEntityIds: [p.personId],
    notes: NOTES.seizure,
    items: [
      { description: 'FPGA boards', quantity: 12, eccn: '3A001', value: { amountMinor: 1_250_000, currency: 'CAD' } },
      { description: 'Cables, "shielded"', quantity: 3, value: { amountMinor: 4_999, currency: 'USD' } },
    ],
  });
  const [item] = seizure.items;
  if (!item) throw new Error('an item expected');
  const move = {
    itemId: item.id,
    at: '2026-03-10T20:00:00Z',
    releasedBy: 'Test Officer',
    receivedBy: 'Omar Ahmed',
    fromLocation: 'Port of Montréal, berth 27',
    toLocation: 'Warehouse 4',
    purpose: 'storage',
    sealNumbers: ['CBSA-1001'],
  };
  const first = inv<{ entry: { id: string } }>('custody.record', { ...move, notes: NOTES.custody }).entry.id;
  const fix = inv<{ entry: { id: string } }>('custody.record', { ...move, condition: 'Sealed', correctsEntryId: first }).entry.id;
  const detention = inv('detentions.create', {
    caseId: p.caseId,
    subject: 'goods',
    startedAt: '2026-03-01T10:00:00Z',
    exporterId: p.exporterId,
    consigneeId: p.consigneeId,
    notes: NOTES.detention,
  }).id;
  const request = inv('detentions.addRequest', {
    detentionId: detention,
    kind: 'item_list',
    requestedOn: '2026-03-02',
    dueOn: '2026-03-09',
  }).id;
  const penalty = inv('penalties.create', {
    caseId: p.caseId,
    contraventionCode: 'C151',
    entityId: p.exporterId,
    amountMinor: 50_000,
    currency: 'CAD',
    assessedOn: '2026-03-01',
    notes: NOTES.penalty,
  }).id;
  const payment = inv<{ payments: { id: string }[] }>('penalties.recordPayment', {
    penaltyId: penalty,
    paidOn: '2026-03-05',
    amountMinor: 10_000,
    currency: 'CAD',
    method: 'wire',
    reference: 'WIRE-0042',
  }).payments[0]?.id;
  if (!payment) throw new Error('a payment expected');
  const evidence = [
    await attach(core, p.caseId, 'invoice 2026-118', 'invoice.txt'),
    await attach(core, p.caseId, 'photo', 'crate 7.txt'),
  ];

  // Another case with records of its own, sharing the exporter.
  const otherCase = inv('cases.create', { title: 'Unrelated case', openedOn: '2026-02-01' }).id;
  const otherEntity = inv('entities.create', { kind: 'organization', legalName: 'Elsewhere GmbH', country: 'DE' }).id;
  inv('cases.addEntity', { caseId: otherCase, entityId: otherEntity, role: 'subject', notes: '' });
  const otherSeizure = inv('seizures.create', {
    caseId: otherCase,
    seizedAt: '2026-03-11T09:00:00Z',
    place: 'Halifax',
    items: [{ description: 'Drones', quantity: 1, value: { amountMinor: 100, currency: 'CAD' } }],
  }).id;
  const otherPenalty = inv('penalties.create', {
    caseId: otherCase,
    contraventionCode: 'C200',
    entityId: otherEntity,
    amountMinor: 700,
    currency: 'CAD',
    assessedOn: '2026-03-02',
  }).id;
  const otherEvidence = await attach(core, otherCase, 'other case file', 'other.txt');

  return {
    core,
    caseId: p.caseId,
    ids: {
      entities: [p.exporterId, p.consigneeId, p.personId],
      outsider,
      lead,
      leadLink,
      links,
      seizure: seizure.id,
      items: seizure.items.map((i) => i.id),
      entries: [first, fix],
      detention,
      request,
      penalty,
      payment,
      evidence,
    },
    other: { caseId: otherCase, seizure: otherSeizure, penalty: otherPenalty, entity: otherEntity, evidence: otherEvidence },
  };
}

let f: Crafted;
let full: CaseData;
let partner: CaseData;
beforeAll(async () => {
  f = await craft();
  full = collectCase(f.core.db, f.caseId, 'prosecution');
  partner = collectCase(f.core.db, f.caseId, 'partner');
});

const idsOf = (list: readonly { id: string }[]) => list.map((x) => x.id);

describe('collectCase (prosecution)', () => {
  it('holds every record of the case, with global ids', () => {
    expect(full.schemaVersion).toBe(1);
    expect(full.profile).toBe('prosecution');
    expect(full.case.id).toBe(f.caseId);
    expect(full.case.notes).toBe(NOTES.case);
    const named = full.entities.filter((e) => e.hop === 0);
    expect(idsOf(named).sort()).toEqual([...f.ids.entities].sort());
    expect(full.entities.find((e) => e.id === f.ids.outsider)?.hop).toBe(1);
    expect(full.entities.find((e) => e.id === f.ids.lead)?.hop).toBe(1);
    const person = full.entities.find((e) => e.id === f.ids.entities[2]);
    expect(person?.roles.map((r) => [r.role, r.notes])).toEqual([['suspect', NOTES.role]]);
    expect(person?.parties.map((x) => x.as)).toEqual(['seizure_claimant']);
    const exporter = full.entities.find((e) => e.id === f.ids.entities[0]);
    expect(exporter?.parties.map((x) => x.as).sort()).toEqual(['detention_exporter', 'penalty_entity', 'seizure_seized_from']);
    expect(idsOf(full.links).sort()).toEqual([...f.ids.links, f.ids.leadLink].sort());
    expect(full.links.find((l) => l.id === f.ids.leadLink)?.confidence).toBe('possible');

    const [seizure] = full.seizures;
    expect(full.seizures).toHaveLength(1);
    expect(seizure?.id).toBe(f.ids.seizure);
    expect(seizure?.notes).toBe(NOTES.seizure);
    expect(idsOf(seizure?.items ?? [])).toEqual(f.ids.items);
    expect(seizure?.totals).toEqual([
      { currency: 'CAD', amountMinor: 1_250_000 },
      { currency: 'USD', amountMinor: 4_999 },
    ]);
    const entries = seizure?.items[0]?.custody.entries ?? [];
    expect(idsOf(entries)).toEqual(f.ids.entries);
    expect(entries.map((e) => e.effective)).toEqual([false, true]);
    expect(seizure?.items[0]?.custody.current.custodian).toBe('Omar Ahmed');

    expect(idsOf(full.detentions)).toEqual([f.ids.detention]);
    expect(idsOf(full.detentions[0]?.requests ?? [])).toEqual([f.ids.request]);
    expect(idsOf(full.penalties)).toEqual([f.ids.penalty]);
    expect(full.penalties[0]).toMatchObject({ amountMinor: 50_000, paidMinor: 10_000, balanceMinor: 40_000, currency: 'CAD' });
    expect(idsOf(full.penalties[0]?.payments ?? [])).toEqual([f.ids.payment]);
    expect(idsOf(full.evidence)).toEqual(f.ids.evidence);
    expect(full.evidence.every((e) => /^[0-9a-f]{64}$/.test(e.sha256))).toBe(true);
    expect(full.withheld).toEqual([]);
  });

  it('holds the audit extract: every record of the case and of its entities and links, with hashes anyone can recompute', () => {
    const db = f.core.db;
    const byCase = db.prepare('SELECT seq FROM audit_log WHERE case_id = ? ORDER BY seq').pluck().all(f.caseId) as number[];
    const seqs = full.audit.map((a) => a.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const s of byCase) expect(seqs).toContain(s);
    const recordIds = new Set([...full.entities.map((e) => e.id), ...full.links.map((l) => l.id)]);
    const ofRecords = db
      .prepare("SELECT seq, record_id AS id FROM audit_log WHERE record_type IN ('entity', 'entity_link')")
      .all() as { seq: number; id: string }[];
    for (const r of ofRecords) expect(seqs.includes(r.seq)).toBe(recordIds.has(r.id));
    expect(full.audit.some((a) => a.caseId === f.other.caseId)).toBe(false);
    for (const a of full.audit) {
      const row: Omit<AuditRow, 'hash'> = {
        seq: a.seq,
        id: a.id,
        at: a.at,
        actor: a.actor,
        actor_badge: a.actorBadge,
        method: a.method,
        record_type: a.recordType,
        record_id: a.recordId,
        case_id: a.caseId,
        before: a.before === null ? null : canonicalJson(a.before),
        after: a.after === null ? null : canonicalJson(a.after),
        prev_hash: a.prevHash,
        device_id: a.deviceId,
      };
      expect(auditRowHash(row), `audit record ${a.seq}`).toBe(a.hash);
    }
  });

  it("leaves out another case's records", () => {
    const json = JSON.stringify(full);
    for (const id of Object.values(f.other)) expect(json.includes(id), id).toBe(false);
    expect(full.timeline.events.every((e) => e.caseId === f.caseId)).toBe(true);
  });

  it('is deterministic: two exports of the same data are equal, whatever the day', () => {
    expect(JSON.stringify(collectCase(f.core.db, f.caseId, 'prosecution'))).toBe(JSON.stringify(full));
    expect(JSON.stringify(collectCase(f.core.db, f.caseId, 'partner'))).toBe(JSON.stringify(partner));
    // Nothing that depends on the day of the export (a penalty or a request becomes overdue).
    expect(JSON.stringify(full)).not.toMatch(/"overdue"|"allowedStatuses"/);
  });

  it('refuses a case that does not exist, naming it', () => {
    expect(() => collectCase(f.core.db, '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11', 'prosecution')).toThrow(
      expect.objectContaining({ code: 'not_found', reason: 'record.not_found' }),
    );
  });
});

describe('collectCase (partner)', () => {
  it('leaves out every narrative note and says where each was', () => {
    const json = JSON.stringify(partner);
    for (const [what, text] of Object.entries(NOTES)) expect(json.includes(text), what).toBe(false);
    expect(partner.case.notes).toBe('');
    expect(partner.seizures[0]?.notes).toBe('');
    const notes = partner.withheld.filter((w) => w.reason === 'narrative_notes');
    expect(notes.map((w) => [w.recordType, w.recordId]).sort()).toEqual(
      [
        ['case', f.caseId],
        ['case_entity', full.entities.find((e) => e.id === f.ids.entities[2])?.roles[0]?.id],
        ['entity_link', f.ids.links[0]],
        ['seizure', f.ids.seizure],
        ['custody_entry', f.ids.entries[0]],
        ['detention', f.ids.detention],
        ['penalty', f.ids.penalty],
        ['entity', f.ids.outsider],
      ].sort(),
    );
    expect(notes.every((w) => w.field === 'notes' && w.what.startsWith('notes of '))).toBe(true);
    // The audit copies of the notes are blanked too, and say so.
    const redacted = partner.audit.filter((a) => a.redacted.length > 0);
    expect(redacted.length).toBeGreaterThan(0);
    expect(redacted.every((a) => a.redacted.every((x) => PARTNER_WITHHOLDS.fields.includes(x)))).toBe(true);
    expect(partner.timeline.events.some((e) => e.kind === 'note.dated')).toBe(false);
  });

  it('leaves out unconfirmed leads with their audit records and the entities only they reach', () => {
    expect(idsOf(partner.links).sort()).toEqual([...f.ids.links].sort());
    expect(partner.entities.some((e) => e.id === f.ids.lead)).toBe(false);
    expect(partner.audit.some((a) => a.recordId === f.ids.leadLink || a.recordId === f.ids.lead)).toBe(false);
    const lead = partner.withheld.filter((w) => w.reason === 'unconfirmed_link');
    expect(lead.map((w) => [w.recordType, w.recordId, w.field])).toEqual([['entity_link', f.ids.leadLink, null]]);
    expect(JSON.stringify(partner)).not.toContain('Лебедев');
    // Everything else is as in the prosecution package.
    expect(idsOf(partner.seizures)).toEqual(idsOf(full.seizures));
    expect(idsOf(partner.evidence)).toEqual(idsOf(full.evidence));
    expect(partner.penalties[0]?.amountMinor).toBe(full.penalties[0]?.amountMinor);
  });
});

/** A minimal RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('CSV_TABLES', () => {
  const table = (name: string) => {
    const file = CSV_TABLES(full).find((t) => t.name === name);
    if (!file) throw new Error(`no ${name}`);
    const [header = [], ...rows] = parseCsv(file.text);
    return { header, rows, text: file.text, get: (row: string[], column: string) => row[header.indexOf(column)] };
  };

  it('writes one CSV per record type, each with a header row and one row per record', () => {
    const names = CSV_TABLES(full).map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'case.csv',
        'entities.csv',
        'links.csv',
        'seizures.csv',
        'seized_items.csv',
        'custody_entries.csv',
      ]),
    );
    expect(names).toEqual(
      expect.arrayContaining(['detentions.csv', 'penalties.csv', 'payments.csv', 'evidence.csv', 'audit.csv']),
    );
    expect(table('case.csv').rows).toHaveLength(1);
    expect(table('entities.csv').rows).toHaveLength(full.entities.length);
    expect(table('seized_items.csv').rows).toHaveLength(2);
    expect(table('custody_entries.csv').rows).toHaveLength(2);
    expect(table('audit.csv').rows).toHaveLength(full.audit.length);
    for (const file of CSV_TABLES(full)) {
      expect(file.text.endsWith('\r\n'), file.name).toBe(true);
      const rows = parseCsv(file.text);
      expect(new Set(rows.map((r) => r.length)).size, file.name).toBe(1);
    }
  });

  it('quotes as RFC 4180 says and keeps the text as it is', () => {
    const c = table('case.csv');
    const row = c.rows[0] ?? [];
    expect(c.get(row, 'summary')).toBe('FPGAs, "Virtex", 12, diverted; see notes');
    expect(c.text).toContain('"FPGAs, ""Virtex"", 12, diverted; see notes"');
    expect(c.get(row, 'file_number')).toBe(full.case.fileNumber);
  });

  it('writes money as integer minor units beside the currency', () => {
    const items = table('seized_items.csv');
    expect(items.rows.map((r) => [items.get(r, 'value_minor'), items.get(r, 'value_currency')])).toEqual([
      ['1250000', 'CAD'],
      ['4999', 'USD'],
    ]);
    const p = table('penalties.csv');
    expect([
      p.get(p.rows[0] ?? [], 'amount_minor'),
      p.get(p.rows[0] ?? [], 'balance_minor'),
      p.get(p.rows[0] ?? [], 'currency'),
    ]).toEqual(['50000', '40000', 'CAD']);
    const e = table('evidence.csv');
    expect(e.rows.map((r) => e.get(r, 'sha256'))).toEqual(full.evidence.map((x) => x.sha256));
  });

  it('lists what the partner profile withheld', () => {
    const file = CSV_TABLES(partner).find((t) => t.name === 'withheld.csv');
    expect(parseCsv(file?.text ?? '')).toHaveLength(partner.withheld.length + 1);
  });
});
