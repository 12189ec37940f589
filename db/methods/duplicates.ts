import { defineMethod } from '../contract.ts';
import {
  duplicateListInput,
  entityDistinctInput,
  entityMergeInput,
  entityMergesInput,
  entityUnmergeInput,
} from '../shared/inputs/duplicates.ts';
import { listDuplicates } from '../services/duplicates.ts';
import { listMerges, markDistinct, mergeEntities, undoMerge } from '../services/merge.ts';

export const duplicateMethods = {
  'duplicates.list': defineMethod({
    summary:
      'The possible duplicate entities the last search found (jobs.start {kind: "duplicates"} runs it), with their reasons and score, best first.',
    kind: 'read',
    input: duplicateListInput,
    handler: (input, ctx) => listDuplicates(ctx.db, input),
  }),
  'entities.merge': defineMethod({
    summary:
      'Merge two records of one entity: every link, role, seizure, detention and penalty of the merged one follows the survivor, ' +
      'which keeps its names as aliases; one undoable merge, each changed row in the audit trail.',
    kind: 'write',
    input: entityMergeInput,
    handler: (input, ctx) => mergeEntities(ctx, input),
  }),
  'entities.unmerge': defineMethod({
    summary: 'Undo a merge: every row it changed is put back as it was (refused if one changed since).',
    kind: 'write',
    input: entityUnmergeInput,
    handler: (input, ctx) => undoMerge(ctx, input.id),
  }),
  'entities.merges': defineMethod({
    summary: 'The merges of one entity (as survivor or merged), or the latest of all, newest first.',
    kind: 'read',
    input: entityMergesInput,
    handler: (input, ctx) => listMerges(ctx.db, input),
  }),
  'entities.markDistinct': defineMethod({
    summary: 'Say two entities are not the same: the duplicate search does not propose them again.',
    kind: 'write',
    input: entityDistinctInput,
    handler: (input, ctx) => markDistinct(ctx, input),
  }),
};
