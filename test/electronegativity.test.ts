/**
 * electronegativity (Doyensec's Electron security linter) on electron/: every finding it reports
 * must be explained by a comment beside its cause, of the form
 *   // electronegativity: CHECK_ID. Why this is safe here...
 * on the flagged line or in the comment block right above it. A finding without one fails,
 * and so does a file it cannot parse (a file it did not check).
 *
 * It runs in a child process, as its CLI would, with two network look-ups refused: it fetches
 * translations from S3 and Electron's release list from GitHub at run time. The check that needs
 * the release list (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, "is this Electron the newest patch")
 * is left out; it would also write into node_modules.
 *
 * electronegativity lets some weakenings through: its NODE_INTEGRATION_JS_CHECK accepts
 * `nodeIntegration: true` when `sandbox: true` is set, and nothing checks nodeIntegrationInWorker,
 * webviewTag or plugins. So this file also holds every `new BrowserWindow(...)` in electron/ to a
 * literal webPreferences with each of those set to its safe value (SAFE_PREFERENCES).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(repo, 'electron');
const require = createRequire(import.meta.url);
const engMain = require.resolve('@doyensec/electronegativity');
const electronVersion = (JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string })
  .version;

/** Preloaded into the child: `got` (its HTTP client) answers every request with an error. */
const OFFLINE = String.raw`
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') {
    const refuse = () => Promise.reject(new Error('offline: electronegativity may not use the network in tests'));
    refuse.head = refuse;
    return refuse;
  }
  return load.call(this, request, ...rest);
};
`;

const RUN = String.raw`
const run = require(process.env.ENG_MAIN);
run({
  input: process.env.ENG_INPUT,
  isRelative: true,
  electronVersionOverride: process.env.ENG_ELECTRON,
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
}).then((r) => {
  const issues = r.issues.map((i) => ({
    id: i.id,
    file: i.file,
    line: i.location.line,
    column: i.location.column,
    description: i.description,
    severity: i.severity && i.severity.name,
  }));
  process.stdout.write('\nRESULT ' + JSON.stringify({ globalChecks: r.globalChecks, atomicChecks: r.atomicChecks, errors: r.errors, issues }) + '\n');
}, (err) => {
  console.error(err);
  process.exit(1);
});
`;

interface Finding {
  id: string;
  file: string;
  line: number;
  column: number;
  description: string;
  severity: string;
}

interface Report {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}

let tmp: string;
let offline: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-electronegativity-'));
  offline = path.join(tmp, 'offline.cjs');
  fs.writeFileSync(offline, OFFLINE);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function electronegativity(input: string): Report {
  const r = spawnSync(process.execPath, ['--require', offline, '-e', RUN], {
    cwd: tmp,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, ENG_MAIN: engMain, ENG_INPUT: input, ENG_ELECTRON: electronVersion, LANG: 'en-US' },
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || !line) throw new Error(`electronegativity failed (${r.status}): ${r.stderr || r.stdout}`);
  return JSON.parse(line.slice('RESULT '.length)) as Report;
}

const COMMENT_LINE = /^\s*(\/\/|\/\*|\*)/;

/**
 * The comment that explains `id` at `line` (1-based) of `text`: a comment on that line, or the
 * block of comment lines right above it, naming `electronegativity:` and the check, with at
 * least a sentence of reasons. Null if there is none.
 */
function explanationOf(text: string, line: number, id: string): string | null {
  const lines = text.split(/\r?\n/);
  const own = lines[line - 1] ?? '';
  const block: string[] = [];
  const trailing = own.indexOf('//') >= 0 ? own.slice(own.indexOf('//')) : own.includes('/*') ? own.slice(own.indexOf('/*')) : '';
  if (trailing) block.push(trailing);
  for (let i = line - 2; i >= 0 && COMMENT_LINE.test(lines[i] ?? ''); i--) block.unshift(lines[i] ?? '');
  const comment = block.join(' ');
  const at = comment.indexOf('electronegativity:');
  if (at < 0 || !comment.includes(id)) return null;
  const reasons = comment
    .slice(at + 'electronegativity:'.length)
    .replace(/\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b/g, '')
    .replace(/\/\/|\/\*|\*\/|\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return /[a-z]{3,}.*[a-z]{3,}.*[a-z]{3,}/i.test(reasons) && reasons.length >= 40 ? reasons : null;
}

function unexplained(report: Report, dir: string): string[] {
  return report.issues
    .filter((issue) => {
      const file = path.join(dir, issue.file);
      if (!fs.existsSync(file)) return true; // a global finding without a file ("no CSP at all") cannot be explained away
      return explanationOf(fs.readFileSync(file, 'utf8'), issue.line, issue.id) === null;
    })
    .map((i) => `${i.id} at ${i.file}:${i.line}:${i.column} (${i.severity}): ${i.description}`);
}

/** What every window's webPreferences must say, literally. */
const SAFE_PREFERENCES: Record<string, boolean> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  plugins: false,
  experimentalFeatures: false,
};
const WINDOW_CLASSES = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);

/** Every window constructed in `dir`'s TypeScript files, and what is wrong with its webPreferences. */
function windowPreferences(dir: string): { windows: string[]; problems: string[] } {
  const windows: string[] = [];
  const problems: string[] = [];
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = ts.createSourceFile(name, fs.readFileSync(path.join(dir, name), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && WINDOW_CLASSES.has(node.expression.text)) {
        const where = `${name}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        windows.push(where);
        const options = node.arguments?.[0];
        const prefs =
          options && ts.isObjectLiteralExpression(options)
            ? options.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'webPreferences')
            : undefined;
        if (!prefs || !ts.isPropertyAssignment(prefs) || !ts.isObjectLiteralExpression(prefs.initializer)) {
          problems.push(`${where}: webPreferences must be an object literal in the constructor call`);
        } else {
          const values = new Map<string, ts.Expression>();
          for (const p of prefs.initializer.properties) {
            if (ts.isSpreadAssignment(p)) problems.push(`${where}: no spread in webPreferences`);
            else if (ts.isPropertyAssignment(p) && p.name && ts.isIdentifier(p.name)) values.set(p.name.text, p.initializer);
          }
          for (const [key, safe] of Object.entries(SAFE_PREFERENCES)) {
            const value = values.get(key);
            const literal =
              value?.kind === ts.SyntaxKind.TrueKeyword ? true : value?.kind === ts.SyntaxKind.FalseKeyword ? false : null;
            if (literal !== safe)
              problems.push(`${where}: webPreferences.${key} must be ${safe}, not ${value ? value.getText() : 'left out'}`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { windows, problems };
}

describe('electronegativity on electron/', () => {
  let report: Report;
  beforeAll(() => {
    report = electronegativity(electronDir);
  }, 120_000);

  it('parses every file (TypeScript included) and runs its checks', () => {
    expect(report.errors).toEqual([]);
    expect(report.atomicChecks).toBeGreaterThan(20);
    expect(report.globalChecks).toBeGreaterThan(3);
  });

  it('reports nothing that is not explained by a comment beside its cause', () => {
    expect(unexplained(report, electronDir)).toEqual([]);
  });

  it('every window has literal, safe webPreferences (what electronegativity lets through included)', () => {
    const { windows, problems } = windowPreferences(electronDir);
    // One window, made by createAppWindow (main.ts passes Electron's BrowserWindow to it).
    expect(windows).toEqual([expect.stringMatching(/^security\.ts:\d+$/)]);
    expect(problems).toEqual([]);
  });

  it('is not silenced with eng-disable annotations (they would hide a finding and its reason)', () => {
    for (const file of fs.readdirSync(electronDir)) {
      expect(fs.readFileSync(path.join(electronDir, file), 'utf8'), file).not.toMatch(/eng-disable/i);
    }
  });
});

describe('the gate itself', () => {
  /** electron/security.ts with one safe preference flipped, checked as the tests above check electron/. */
  function weakened(from: string, to: string): { electronegativity: string[]; preferences: string[] } {
    const dir = fs.mkdtempSync(path.join(tmp, 'weakened-'));
    const security = fs.readFileSync(path.join(electronDir, 'security.ts'), 'utf8');
    expect(security).toContain(from);
    fs.writeFileSync(path.join(dir, 'security.ts'), security.replace(from, to));
    return {
      electronegativity: unexplained(electronegativity(dir), dir).map((f) => f.split(' ')[0] ?? ''),
      preferences: windowPreferences(dir).problems,
    };
  }

  it('fails on Node integration in the renderer (electronegativity alone would not, with the sandbox on)', () => {
    const found = weakened('nodeIntegration: false,', 'nodeIntegration: true,');
    expect(found.electronegativity).not.toContain('NODE_INTEGRATION_JS_CHECK');
    expect(found.preferences).toEqual([expect.stringMatching(/webPreferences\.nodeIntegration must be false, not true/)]);
  }, 120_000);

  it('fails on context isolation off, no sandbox, or web security off', () => {
    for (const [from, to, check] of [
      ['contextIsolation: true,', 'contextIsolation: false,', 'CONTEXT_ISOLATION_JS_CHECK'],
      ['sandbox: true,', 'sandbox: false,', 'SANDBOX_JS_CHECK'],
      ['webSecurity: true,', 'webSecurity: false,', 'WEB_SECURITY_JS_CHECK'],
    ] as const) {
      const found = weakened(from, to);
      expect(found.electronegativity, to).toContain(check);
      expect(found.preferences, to).toHaveLength(1);
    }
  }, 240_000);

  it('takes a comment as an explanation only if it names the check and gives reasons', () => {
    const code = [
      'const a = 1;',
      '// electronegativity: PRELOAD_JS_CHECK. The preload is our own sandboxed bundle, exposing one bridge.',
      'preload: p,',
      '// electronegativity: PRELOAD_JS_CHECK',
      'preload: q,',
      '// The preload is our own sandboxed bundle, exposing one bridge.',
      'preload: r,',
      'preload: s, // electronegativity: PRELOAD_JS_CHECK. Our own sandboxed bundle, exposing one bridge only.',
    ].join('\n');
    expect(explanationOf(code, 3, 'PRELOAD_JS_CHECK')).toMatch(/sandboxed bundle/);
    expect(explanationOf(code, 3, 'SANDBOX_JS_CHECK')).toBeNull();
    expect(explanationOf(code, 5, 'PRELOAD_JS_CHECK')).toBeNull();
    expect(explanationOf(code, 7, 'PRELOAD_JS_CHECK')).toBeNull();
    expect(explanationOf(code, 8, 'PRELOAD_JS_CHECK')).toMatch(/one bridge/);
    expect(explanationOf(code, 1, 'PRELOAD_JS_CHECK')).toBeNull();
  });
});
