/** `dossier search QUERY [--type T] [--json]` and `dossier search --rebuild` (the index built again, as a job). */
import path from 'node:path';
import { openCore } from '../db/index.ts';
import { defaultDbFile } from '../db/paths.ts';
import { DossierError } from '../db/errors.ts';
import { SEARCH_TYPES, type SearchType } from '../db/shared/inputs/search.ts';
import type { SearchResult } from '../db/search/query.ts';
import { UsageError, parse, intOption } from './args.ts';
import { runJob } from './run-job.ts';

const TYPE_WORDS: Record<SearchType, string> = {
  case: 'Cases',
  entity: 'Entities',
  seizure: 'Seizures',
  detention: 'Detentions',
  penalty: 'Penalties',
  evidence: 'Evidence',
};

export async function cmdSearch(argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, {
    db: { type: 'string' },
    as: { type: 'string' },
    type: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    rebuild: { type: 'boolean' },
    limit: { type: 'string' },
  });
  const core = await openCore(path.resolve(values.db ?? defaultDbFile()));
  try {
    if (values.rebuild) {
      if (positionals.length) throw new UsageError('search --rebuild takes no query');
      const result = await runJob(core, 'rebuildSearch', {}, 'Indexing');
      process.stdout.write(`Search index rebuilt: ${(result as { docs: number }).docs} records\n`);
      return 0;
    }
    const q = positionals.join(' ').trim();
    if (!q) throw new UsageError('search needs a query: dossier search "Ararat Trade"');
    const types = (values.type ?? []).map((t) => {
      if (!(SEARCH_TYPES as readonly string[]).includes(t))
        throw new UsageError(`--type is one of ${SEARCH_TYPES.join(', ')}, not "${t}"`);
      return t as SearchType;
    });
    const env = core.invoke('search.query', {
      q,
      perType: intOption(values.limit, 'limit', 10),
      ...(types.length ? { types } : {}),
    });
    if (!env.ok) throw new DossierError(env.error.code, env.error.message, env.error.field, env.error.reason);
    const result = env.result as SearchResult;
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    if (result.groups.length === 0) {
      process.stdout.write(`Nothing found for "${q}"\n`);
      return 0;
    }
    for (const g of result.groups) {
      process.stdout.write(`${TYPE_WORDS[g.type]} (${g.capped ? 'many' : g.total})\n`);
      for (const h of g.hits) {
        const where = h.caseFileNumber && h.type !== 'case' ? `  [${h.caseFileNumber}]` : '';
        process.stdout.write(`  ${h.title}${where}\n    ${marked(h.snippet.text, h.snippet.marks)}\n`);
      }
    }
    return 0;
  } finally {
    core.close();
  }
}

/** The snippet with its matched words in [brackets], for a terminal. */
function marked(text: string, marks: readonly [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [a, b] of marks) {
    out += `${text.slice(at, a)}[${text.slice(a, b)}]`;
    at = b;
  }
  return out + text.slice(at);
}
