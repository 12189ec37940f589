import { randomUUID } from 'node:crypto';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { DossierError, refusal, type ReasonParams, type Refusal } from '../errors.ts';
import { FINAL_DISPOSITIONS, type CustodyPurpose } from '../shared/domain.ts';
import { analyzeChain, linkProblems, type ChainBreak, type Movement, type Origin } from '../shared/custody-chain.ts';
import { getItem, getSeizureRow, originOf, type SeizedItem, type Seizure } from './seizures.ts';
import { loadEntries, type CustodyEntry } from './custody-entries.ts';
import type { z } from 'zod';
import type { custodyCorrectInput, custodyRecordInput } from '../shared/inputs/seizures.ts';

export { loadEntries, type CustodyEntry };

export interface CustodyEntryView extends CustodyEntry {
  /** This entry is the version of its movement that counts (it has not been corrected). */
  effective: boolean;
  /** The correction that replaced this entry, if any. */
  supersededBy: string | null;
  /** 1-based place in the effective chain of the movement this entry is a version of. */
  slot: number | null;
}

export interface CustodyChain {
  item: SeizedItem & { seizureNumber: string; caseId: string; disposition: Seizure['disposition'] };
  /** The first custody state: the seizing officer at the place of seizure (the item's initial columns). */
  origin: Origin;
  /**
   * Every entry, corrections included, in chain order: by slot, and within a slot the versions of
   * that movement in recording order (the effective one last). Entries outside the chain (an
   * import's stray duplicate correction) come at the end.
   */
  entries: CustodyEntryView[];
  current: { custodian: string; location: string; since: string };
  /** Links of the effective chain that do not hold; always empty for a chain recorded through Dossier. */
  breaks: ChainBreak[];
}

function itemContext(db: Db, itemId: string): { item: SeizedItem; seizure: Seizure; entries: CustodyEntry[] } {
  const item = getItem(db, itemId);
  return { item, seizure: getSeizureRow(db, item.seizureId), entries: loadEntries(db, itemId) };
}

export function custodyChain(db: Db, itemId: string): CustodyChain {
  const { item, seizure, entries } = itemContext(db, itemId);
  const origin = originOf(item, seizure);
  const chain = analyzeChain(origin, entries);
  const effective = new Set(chain.effective.map((e) => e.id));
  return {
    item: { ...item, seizureNumber: seizure.seizureNumber, caseId: seizure.caseId, disposition: seizure.disposition },
    origin,
    entries: entries
      .map((e) => ({
        ...e,
        effective: effective.has(e.id),
        supersededBy: chain.supersededBy.get(e.id) ?? null,
        slot: chain.slotOf.get(e.id) ?? null,
      }))
      .sort((a, b) => (a.slot ?? Infinity) - (b.slot ?? Infinity) || a.seq - b.seq),
    current: chain.current,
    breaks: chain.breaks,
  };
}

export interface MovementInput extends Movement {
  purpose: CustodyPurpose;
  condition: string;
  sealNumbers: string[];
  notes: string;
}

function insertEntry(ctx: Ctx, caseId: string, itemId: string, m: MovementInput, correctsEntryId: string | null): string {
  const id = randomUUID();
  ctx.audit.track('custody_entry', id, caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO custody_entries (id, item_id, at, released_by, received_by, from_location, to_location, purpose,
         condition, seal_numbers, notes, corrects_entry_id, recorded_at, recorded_by, recorded_by_badge)
       VALUES (@id, @itemId, @at, @releasedBy, @receivedBy, @fromLocation, @toLocation, @purpose,
         @condition, @seals, @notes, @corrects, @now, @actor, @badge)`,
    ).run({
      id,
      itemId,
      at: m.at,
      releasedBy: m.releasedBy,
      receivedBy: m.receivedBy,
      fromLocation: m.fromLocation,
      toLocation: m.toLocation,
      purpose: m.purpose,
      condition: m.condition,
      seals: JSON.stringify(m.sealNumbers),
      notes: m.notes,
      corrects: correctsEntryId,
      now: ctx.now(),
      actor: ctx.actor.name,
      badge: ctx.actor.badge,
    });
  });
  return id;
}

function refuse(field: string, message: string, reason: string, params: ReasonParams): never {
  throw new DossierError('invalid_input', `${field}: ${message}`, field, reason, params);
}

/** A new movement: from the current custodian and location, not before the last movement (nor the seizure). */
function checkMovement(
  seizure: Seizure,
  current: { custodian: string; location: string; since: string },
  first: boolean,
  m: Movement,
): void {
  if (FINAL_DISPOSITIONS.includes(seizure.disposition)) {
    throw new DossierError(
      'invalid_transition',
      `itemId: seizure ${seizure.seizureNumber} is ${seizure.disposition} (${seizure.dispositionOn ?? ''}): its items take no more movements, only corrections`,
      'itemId',
      'custody.seizure_final',
      { seizureNumber: seizure.seizureNumber, disposition: seizure.disposition, dispositionOn: seizure.dispositionOn ?? '' },
    );
  }
  const problem = linkProblems({ receivedBy: current.custodian, toLocation: current.location, at: current.since }, first, m)[0];
  if (!problem) return;
  switch (problem.field) {
    case 'releasedBy':
      return refuse(
        'releasedBy',
        `must be the current custodian, ${current.custodian} (got ${m.releasedBy})`,
        'custody.not_current_custodian',
        { custodian: current.custodian, releasedBy: m.releasedBy },
      );
    case 'fromLocation':
      return refuse(
        'fromLocation',
        `must be where the item is, ${current.location} (got ${m.fromLocation})`,
        'custody.not_current_location',
        { location: current.location, fromLocation: m.fromLocation },
      );
    case 'at':
      return first
        ? refuse('at', `must not be before the seizure (${current.since})`, 'custody.before_seizure', {
            since: current.since,
            at: m.at,
          })
        : refuse('at', `must not be before the previous entry (${current.since})`, 'custody.before_previous', {
            since: current.since,
            at: m.at,
          });
  }
}

/** The reason of a link into a corrected entry that does not hold (`text` is linkProblems' own words). */
function brokenLink(
  field: 'releasedBy' | 'fromLocation' | 'at',
  prevIsOrigin: boolean,
  prev: { receivedBy: string; toLocation: string; at: string },
  here: Movement,
  text: string,
): Refusal {
  switch (field) {
    case 'releasedBy':
      return refusal(prevIsOrigin ? 'custody.correction_not_seizing_officer' : 'custody.correction_not_custodian', text, {
        releasedBy: here.releasedBy,
        custodian: prev.receivedBy,
      });
    case 'fromLocation':
      return refusal('custody.correction_not_location', text, { fromLocation: here.fromLocation, location: prev.toLocation });
    case 'at':
      return refusal(prevIsOrigin ? 'custody.correction_before_seizure' : 'custody.correction_before_previous', text, {
        at: here.at,
        since: prev.at,
      });
  }
}

export function recordCustody(
  ctx: Ctx,
  input: z.output<typeof custodyRecordInput>,
): { entry: CustodyEntryView; chain: CustodyChain } {
  const { itemId, correctsEntryId, ...m } = input;
  const { item, seizure, entries } = itemContext(ctx.db, itemId);
  let id: string;
  if (correctsEntryId === null) {
    const chain = analyzeChain(originOf(item, seizure), entries);
    checkMovement(seizure, chain.current, chain.effective.length === 0, m);
    id = insertEntry(ctx, seizure.caseId, item.id, m, null);
  } else {
    checkCorrections(item, seizure, entries, [{ correctsEntryId, movement: m, prefix: '' }]);
    id = insertEntry(ctx, seizure.caseId, item.id, m, correctsEntryId);
  }
  const chain = custodyChain(ctx.db, item.id);
  const entry = chain.entries.find((e) => e.id === id);
  if (!entry) throw new DossierError('internal', `custody entry ${id} was not stored`);
  return { entry, chain };
}

export function correctCustody(
  ctx: Ctx,
  input: z.output<typeof custodyCorrectInput>,
): { entries: CustodyEntryView[]; chain: CustodyChain } {
  const { item, seizure, entries } = itemContext(ctx.db, input.itemId);
  const corrections = input.corrections.map(({ correctsEntryId, ...movement }, i) => ({
    correctsEntryId,
    movement,
    prefix: `corrections.${i}.`,
  }));
  checkCorrections(item, seizure, entries, corrections);
  const ids = corrections.map((c) => insertEntry(ctx, seizure.caseId, item.id, c.movement, c.correctsEntryId));
  const chain = custodyChain(ctx.db, item.id);
  return { entries: ids.map((id) => chain.entries.find((e) => e.id === id)).filter((e) => e !== undefined), chain };
}

/**
 * Corrections of an item's chain, checked together: each must name an effective entry of this
 * item, and with all of them in place every link on either side of a corrected entry must hold.
 * A final disposition does not stop corrections.
 */
function checkCorrections(
  item: SeizedItem,
  seizure: Seizure,
  entries: readonly CustodyEntry[],
  corrections: readonly { correctsEntryId: string; movement: MovementInput; prefix: string }[],
): void {
  const origin = originOf(item, seizure);
  const chain = analyzeChain(origin, entries);
  const slots: Movement[] = [...chain.effective];
  const changed = new Map<number, { prefix: string }>();
  for (const c of corrections) {
    const field = `${c.prefix}correctsEntryId`;
    const target = entries.find((e) => e.id === c.correctsEntryId);
    if (!target) {
      refuse(
        field,
        `no custody entry ${c.correctsEntryId} in the chain of item ${item.itemNumber}`,
        'custody.entry_not_in_chain',
        {
          entryId: c.correctsEntryId,
          itemNumber: item.itemNumber,
        },
      );
    }
    const replacedBy = chain.supersededBy.get(target.id);
    if (replacedBy !== undefined) {
      refuse(
        field,
        `entry ${target.id} was already corrected by entry ${replacedBy}: correct the latest version`,
        'custody.entry_already_corrected',
        { entryId: target.id, correctedBy: replacedBy },
      );
    }
    const index = chain.effective.findIndex((e) => e.id === target.id);
    if (index < 0) {
      refuse(field, `entry ${target.id} is not part of the effective chain`, 'custody.entry_not_effective', {
        entryId: target.id,
      });
    }
    slots[index] = c.movement;
    changed.set(index, { prefix: c.prefix });
  }
  const prevOf = (i: number) => {
    const prev = slots[i - 1];
    return i === 0 || !prev
      ? { link: { receivedBy: origin.custodian, toLocation: origin.location, at: origin.at }, isOrigin: true }
      : { link: prev, isOrigin: false };
  };
  for (const [i, { prefix }] of [...changed].sort((a, b) => a[0] - b[0])) {
    const here = slots[i];
    if (!here) continue;
    // The link into the corrected entry.
    const before = prevOf(i);
    const into = linkProblems(before.link, before.isOrigin, here)[0];
    if (into) {
      const why = brokenLink(into.field, before.isOrigin, before.link, here, into.reason);
      refuse(`${prefix}${into.field}`, `a correction must keep the chain unbroken: ${why.message}`, why.reason, why.params);
    }
    // The link out of it, into an entry that stays as it is.
    const next = slots[i + 1];
    if (next && !changed.has(i + 1)) {
      const out = linkProblems(here, false, next)[0];
      const unbroken = (why: string) =>
        `a correction must keep the chain unbroken: ${why} (correct both entries together with custody.correct)`;
      switch (out?.field) {
        case 'releasedBy':
          refuse(
            `${prefix}receivedBy`,
            unbroken(`the next entry was released by ${next.releasedBy}, not ${here.receivedBy}`),
            'custody.correction_next_released_by',
            { nextReleasedBy: next.releasedBy, receivedBy: here.receivedBy },
          );
          break;
        case 'fromLocation':
          refuse(
            `${prefix}toLocation`,
            unbroken(`the next entry leaves from ${next.fromLocation}, not ${here.toLocation}`),
            'custody.correction_next_from_location',
            { nextFromLocation: next.fromLocation, toLocation: here.toLocation },
          );
          break;
        case 'at':
          refuse(
            `${prefix}at`,
            unbroken(`the next entry is at ${next.at}, before ${here.at}`),
            'custody.correction_next_before',
            {
              nextAt: next.at,
              at: here.at,
            },
          );
          break;
        case undefined:
          break;
      }
    }
  }
}
