/**
 * The architecture's boundaries hold because a tool checks them: ESLint with this repository's
 * own configuration refuses each planted violation below, and accepts the allowed forms.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const restricted = (list: string[]) =>
  list.filter((p) => p.includes('no-restricted-imports') || p.includes('no-restricted-globals'));

describe('import boundaries', () => {
  it('the renderer may not value-import db/sqlite.ts (a planted import is reported)', async () => {
    const found = await problems(
      'renderer/src/planted.ts',
      "import { openDatabase } from '../../db/sqlite.ts';\nexport const o = openDatabase;\n",
    );
    expect(restricted(found)).toEqual([expect.stringContaining('The renderer may value-import only db/shared/')]);
  });

  it('the renderer may import types from db/ and values from db/shared/', async () => {
    const found = await problems(
      'renderer/src/planted.ts',
      "import type { Db } from '../../db/sqlite.ts';\nimport { CASE_STATUSES } from '../../db/shared/domain.ts';\nexport const s: readonly string[] = CASE_STATUSES;\nexport type D = Db;\n",
    );
    expect(restricted(found)).toEqual([]);
  });

  it('the renderer has no Node: node:fs and process are reported', async () => {
    const found = await problems(
      'renderer/src/planted.ts',
      "import fs from 'node:fs';\nexport const x = fs;\nexport const h = process.env.HOME;\n",
    );
    expect(restricted(found)).toHaveLength(2);
  });

  it('electron/ may not import cli/ (a planted import is reported)', async () => {
    const found = await problems('electron/planted.ts', "import { main } from '../cli/main.ts';\nexport const m = main;\n");
    expect(restricted(found)).toEqual([expect.stringContaining('electron/ is a thin shell over db/')]);
  });

  it('db/ may import nothing from the shells or the UI', async () => {
    for (const spec of ['../electron/main.ts', '../cli/server.ts', '../renderer/src/App.tsx', 'electron']) {
      const found = await problems('db/planted.ts', `import * as x from '${spec}';\nexport const y = x;\n`);
      expect(restricted(found), spec).toHaveLength(1);
    }
  });

  it('db/shared/ is pure: no services, no database, no Node', async () => {
    for (const spec of ['../services/cases.ts', '../sqlite.ts', 'better-sqlite3', 'node:crypto']) {
      const found = await problems('db/shared/planted.ts', `import * as x from '${spec}';\nexport const y = x;\n`);
      expect(restricted(found), spec).toHaveLength(1);
    }
    expect(
      restricted(await problems('db/shared/planted.ts', "import { localDate } from './time.ts';\nexport const l = localDate;\n")),
    ).toEqual([]);
  });
});

describe('the rules of hooks', () => {
  it('a missing effect dependency is reported', async () => {
    const code = [
      "import { useEffect, useState } from 'react';",
      'export function useX(n: number): number {',
      '  const [v, setV] = useState(0);',
      '  useEffect(() => setV(n), []);',
      '  return v;',
      '}',
      '',
    ].join('\n');
    expect(
      (await problems('renderer/src/planted.ts', code)).filter((p) => p.startsWith('react-hooks/exhaustive-deps')),
    ).toHaveLength(1);
  });
});
