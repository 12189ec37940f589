import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const i18nDir = path.join(root, 'renderer', 'src', 'i18n');

function catalogs(): { feature: string; en: Record<string, string>; fr: Record<string, string> }[] {
  const features = fs
    .readdirSync(i18nDir)
    .filter((f) => f.endsWith('.en.json'))
    .map((f) => f.slice(0, -'.en.json'.length));
  return features.map((feature) => ({
    feature,
    en: JSON.parse(fs.readFileSync(path.join(i18nDir, `${feature}.en.json`), 'utf8')) as Record<string, string>,
    fr: JSON.parse(fs.readFileSync(path.join(i18nDir, `${feature}.fr.json`), 'utf8')) as Record<string, string>,
  }));
}

/** The ICU argument names of a message: `{count, plural, ...}` and `{name}` give count and name. */
function argumentsOf(message: string): string[] {
  return [...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1] ?? '').sort();
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.tsx') ? [p] : [];
  });
}

describe('i18n catalogs', () => {
  const all = catalogs();

  it('has an English and a French catalog for every feature', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const { feature } of all) expect(fs.existsSync(path.join(i18nDir, `${feature}.fr.json`)), feature).toBe(true);
  });

  it.each(all.map((c) => [c.feature, c] as const))('%s: English and French have the same keys', (_feature, c) => {
    const missingInFr = Object.keys(c.en).filter((k) => !(k in c.fr));
    const missingInEn = Object.keys(c.fr).filter((k) => !(k in c.en));
    expect({ missingInFr, missingInEn }).toEqual({ missingInFr: [], missingInEn: [] });
  });

  it.each(all.map((c) => [c.feature, c] as const))('%s: every message is filled and uses the same arguments', (_feature, c) => {
    for (const [key, en] of Object.entries(c.en)) {
      const fr = c.fr[key] ?? '';
      expect(en.trim(), `en ${key}`).not.toBe('');
      expect(fr.trim(), `fr ${key}`).not.toBe('');
      expect(argumentsOf(fr), `arguments of ${key}`).toEqual(argumentsOf(en));
    }
  });

  it('no key is defined by two features', () => {
    const seen = new Map<string, string>();
    for (const c of all) {
      for (const key of Object.keys(c.en)) {
        expect(seen.get(key), `${key} in ${c.feature}`).toBeUndefined();
        seen.set(key, c.feature);
      }
    }
  });

  it('every catalog is merged into the app', () => {
    const catalog = fs.readFileSync(path.join(i18nDir, 'catalog.ts'), 'utf8');
    for (const { feature } of all) {
      expect(catalog).toContain(`./${feature}.en.json`);
      expect(catalog).toContain(`./${feature}.fr.json`);
    }
  });
});

describe('components', () => {
  // Text in JSX and in user-facing attributes must come from the catalogs.
  const files = sourceFiles(path.join(root, 'renderer', 'src'));
  // Text between a tag's end and the next tag, on one line, that reads like words (not code).
  const jsxText = /(?<![=-])>([^<>{}\n;=()'"`|&]*[A-Za-zÀ-ÿ]{2,}[^<>{}\n;=()'"`|&]*)<\/?[A-Za-z]/g;
  const attribute = /\b(placeholder|title|aria-label|label|text|alt)="([^"]*[A-Za-zÀ-ÿ]{2,}[^"]*)"/g;

  it.each(files.map((f) => [path.relative(root, f), f] as const))('%s has no hard-coded user-facing text', (_name, file) => {
    const source = fs.readFileSync(file, 'utf8');
    const found = [...source.matchAll(jsxText)]
      .map((m) => m[1])
      .concat([...source.matchAll(attribute)].map((m) => `${m[1]}="${m[2]}"`));
    expect(found).toEqual([]);
  });
});
