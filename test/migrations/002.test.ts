/** Migration 002: what it creates, what its constraints refuse, and that what it leaves opens through the contract. */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/sqlite.ts';
import { migratedWithOneCase } from './helpers.ts';

describe('migration 002', () => {
  /** A database at version 1 holding one case, migrated to 2. */
  async function migratedTo2(): Promise<Db> {
    return migratedWithOneCase(2);
  }

  const T = '2026-03-10T16:30:00.000Z';
  const SHA = 'ab'.repeat(32);
  function insertEvidence(db: Db, id: string, extra: Record<string, unknown> = {}): void {
    const row = {
      id,
      case_id: 'case-1',
      subject_type: 'case',
      subject_id: 'case-1',
      original_name: 'seal.jpg',
      media_type: 'image/jpeg',
      size: 10,
      sha256: SHA,
      added_at: T,
      added_by: 'Jeanne Tremblay',
      ...extra,
    };
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO evidence (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }

  it('creates the evidence table, its list indexes and guard triggers, and the audit actor index', async () => {
    const db = await migratedTo2();
    const names = (type: string) =>
      db.prepare("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%'").pluck().all(type) as string[];
    expect(names('table')).toContain('evidence');
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'evidence_case_added',
        'evidence_case_name',
        'evidence_case_size',
        'evidence_case_acquired',
        'evidence_subject',
        'evidence_sha256',
        'audit_actor',
        'audit_method',
        'audit_at',
      ]),
    );
    expect(names('trigger')).toEqual(
      expect.arrayContaining(['evidence_no_delete', 'evidence_immutable', 'evidence_retire_once']),
    );
  });

  it('enforces the evidence constraints in SQL', async () => {
    const db = await migratedTo2();
    insertEvidence(db, 'e1');
    expect(() => insertEvidence(db, 'e1')).toThrow(/UNIQUE/);
    expect(() => insertEvidence(db, 'e2', { case_id: 'no-such-case', subject_id: 'no-such-case' })).toThrow(/FOREIGN KEY/);
    expect(() => insertEvidence(db, 'e3', { subject_type: 'vessel' })).toThrow(/CHECK/);
    expect(() => insertEvidence(db, 'e4', { subject_id: 'other' })).toThrow(/CHECK/); // a case subject is the case
    expect(() => insertEvidence(db, 'e5', { subject_type: 'entity', subject_id: 'entity-1' })).not.toThrow();
    expect(() => insertEvidence(db, 'e6', { sha256: SHA.toUpperCase() })).toThrow(/CHECK/);
    expect(() => insertEvidence(db, 'e7', { sha256: SHA.slice(1) })).toThrow(/CHECK/);
    expect(() => insertEvidence(db, 'e8', { size: -1 })).toThrow(/CHECK/);
    expect(() => insertEvidence(db, 'e9', { original_name: '' })).toThrow(/CHECK/);
    expect(() => insertEvidence(db, 'e10', { retired_at: T })).toThrow(/CHECK/); // retired: all four or none
    expect(() => insertEvidence(db, 'e11', { size: 'ten' })).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('evidence is never modified or deleted; it is retired once', async () => {
    const db = await migratedTo2();
    insertEvidence(db, 'e1');
    expect(() => db.prepare("UPDATE evidence SET original_name = 'other.jpg'").run()).toThrow(
      'evidence metadata is never modified',
    );
    expect(() => db.prepare('UPDATE evidence SET sha256 = ?').run('cd'.repeat(32))).toThrow(
      'evidence metadata is never modified',
    );
    expect(() => db.prepare('DELETE FROM evidence').run()).toThrow('evidence is never deleted');
    const retire = db.prepare(
      `UPDATE evidence SET retired_at = ?, retired_by = 'J. T.', retired_by_badge = '', retired_reason = ? WHERE id = 'e1'`,
    );
    expect(() => retire.run(T, '')).toThrow(/CHECK/);
    retire.run(T, 'Duplicate');
    expect(() => retire.run(T, 'Another reason')).toThrow('evidence is retired once');
    expect(db.prepare('SELECT original_name, retired_reason FROM evidence').all()).toEqual([
      { original_name: 'seal.jpg', retired_reason: 'Duplicate' },
    ]);
  });
});
