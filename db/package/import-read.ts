import { createHash } from 'node:crypto';
import { DossierError } from '../errors.ts';
import { zodToDossierError } from '../contract.ts';
import { cleanTextInput } from '../shared/text.ts';
import { decodeManifestPath } from './bag.ts';
import { parseBagInfo } from './verify.ts';
import { SyncZip, ZipReadError } from './import-zip.ts';
import { auditAndTimeline, packageCaseSchema, type PackageCase } from './import-schema.ts';

/**
 * The parts of a package an import reads inside its transaction, read synchronously and each
 * checked against the bag: bag-info.txt, bagit.txt and the payload manifest against the tag
 * manifest, case.json and the audit extract against the payload manifest, every evidence file
 * case.json names listed in the manifest under data/evidence/ with its size. What the ZIP's
 * directory tells without reading a byte is checked too: no payload file added or removed, the
 * Payload-Oxum. A file missing, altered, or not where a Dossier package has it is refused naming
 * the file. The bytes of what is not imported (the report, the CSV files) and of the evidence
 * files are hashed by the full verification the import job runs first (db/package/verify.ts), and
 * each evidence file again as it is copied into the store.
 */

export interface PackageParts {
  root: string;
  info: [string, string][];
  data: PackageCase;
  /** data/audit/audit-extract.json, byte for byte. */
  auditExtract: string;
  auditExtractSha256: string;
  /** For each evidence file (by SHA-256), its entry in the ZIP and its size. */
  evidenceEntries: Map<string, { entry: string; size: number }>;
}

/** case.json and the audit extract may be large (a case with many records), never unbounded. */
const MAX_JSON_BYTES = 512 * 1024 * 1024;
const MAX_TAG_BYTES = 64 * 1024 * 1024;

function unreadable(file: string, message: string): never {
  throw new DossierError('invalid_input', `sha256: ${message}`, 'sha256', 'package.unreadable', { file });
}

function notDossier(file: string, message: string): never {
  throw new DossierError('invalid_input', `sha256: ${message}`, 'sha256', 'package.not_dossier', { file });
}

function missing(file: string, why: string): never {
  throw new DossierError('invalid_input', `sha256: ${file}: ${why}`, 'sha256', 'package.file_missing', { file });
}

function altered(file: string, against: string): never {
  throw new DossierError(
    'invalid_input',
    `sha256: ${file}: its SHA-256 does not match ${against} (altered)`,
    'sha256',
    'package.file_altered',
    { file, against },
  );
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function parseManifest(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const m = /^([0-9a-fA-F]{64})\s+\*?(.+)$/.exec(raw.replace(/\r$/, ''));
    if (m?.[1] && m[2]) out.set(decodeManifestPath(m[2]), m[1].toLowerCase());
  }
  return out;
}

function readZipped(zip: SyncZip, name: string, max: number): Buffer {
  try {
    return zip.read(name, max);
  } catch (err) {
    if (err instanceof ZipReadError) unreadable(name, err.message);
    throw err;
  }
}

function openZip(file: string, label: string): SyncZip {
  try {
    return SyncZip.open(file);
  } catch (err) {
    if (err instanceof ZipReadError) {
      if (err.kind === 'unsafe_name')
        throw new DossierError('invalid_input', `sha256: ${err.message}`, 'sha256', 'package.unsafe_name', {
          file: err.entry,
        });
      if (err.kind === 'duplicate_name')
        throw new DossierError('invalid_input', `sha256: ${err.message}`, 'sha256', 'package.duplicate_name', {
          file: err.entry,
        });
      unreadable(label, `the package ${err.message}`);
    }
    throw err;
  }
}

/** A JSON file of the payload, parsed; refused naming the file when it is not JSON. */
function parseJson(bytes: Buffer, file: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (err) {
    return unreadable(file, `${file} is not JSON (${(err as Error).message})`);
  }
}

/** case.json checked against the schema (text rule first, as the contract does for any input). */
function checkCaseJson(json: unknown, file: string): PackageCase {
  if (!json || typeof json !== 'object' || Array.isArray(json)) notDossier(file, `${file} is not a Dossier case (not an object)`);
  const { audit, timeline, ...rest } = json as Record<string, unknown>;
  const extra = auditAndTimeline.safeParse({ audit, timeline });
  const schemaVersion = (rest as { schemaVersion?: unknown }).schemaVersion;
  if (schemaVersion !== undefined && schemaVersion !== 1) {
    throw new DossierError(
      'invalid_input',
      `sha256: ${file} is of schema version ${String(schemaVersion)}; this Dossier reads version 1 (a newer Dossier made it)`,
      'sha256',
      'package.schema_version',
      { version: String(schemaVersion) },
    );
  }
  const cleaned = cleanTextInput(packageCaseSchema, rest);
  const problem =
    'problem' in cleaned
      ? { path: cleaned.problem.field, message: cleaned.problem.message }
      : (() => {
          const parsed = packageCaseSchema.safeParse(cleaned.value);
          if (parsed.success) return null;
          const e = zodToDossierError(parsed.error);
          return { path: e.field ?? '', message: e.message.replace(/^[^:]*: /, '') };
        })();
  if (problem || !extra.success) {
    const where = problem?.path ?? (extra.success ? '' : 'audit');
    const message = problem?.message ?? 'not a list';
    throw new DossierError(
      'invalid_input',
      `sha256: ${file}: ${where || 'the file'}: ${message}`,
      'sha256',
      'package.case_json',
      { file, path: where, problem: message },
    );
  }
  return packageCaseSchema.parse('value' in cleaned ? cleaned.value : rest);
}

/** Reads and checks what an import writes from; refuses with the file concerned. */
export function readPackageParts(file: string): PackageParts {
  const zip = openZip(file, 'the package');
  try {
    const names = [...zip.entries.keys()];
    const bagit = names.find((n) => n === 'bagit.txt' || /^[^/]+\/bagit\.txt$/.test(n));
    if (!bagit) return notDossier('bagit.txt', 'the package has no bagit.txt: it is not a BagIt bag');
    const root = bagit.slice(0, -'bagit.txt'.length);
    const at = (name: string) => `${root}${name}`;
    const need = (name: string) => {
      if (!zip.entries.has(at(name))) missing(at(name), 'not in the package');
      return at(name);
    };
    const tagManifest = parseManifest(readZipped(zip, need('tagmanifest-sha256.txt'), MAX_TAG_BYTES).toString('utf8'));
    const tagChecked = (name: string): Buffer => {
      const bytes = readZipped(zip, need(name), MAX_TAG_BYTES);
      const want = tagManifest.get(name);
      if (want === undefined) missing(at(name), `not listed in ${at('tagmanifest-sha256.txt')}`);
      if (want !== sha256(bytes)) altered(at(name), at('tagmanifest-sha256.txt'));
      return bytes;
    };
    tagChecked('bagit.txt');
    const info = parseBagInfo(tagChecked('bag-info.txt').toString('utf8'));
    const manifest = parseManifest(tagChecked('manifest-sha256.txt').toString('utf8'));
    // What the ZIP's directory tells without reading a byte: no payload file added, none removed, the Oxum.
    const payload = names.filter((n) => n.startsWith(at('data/'))).map((n) => n.slice(root.length));
    for (const p of payload) {
      if (!manifest.has(p)) {
        throw new DossierError(
          'invalid_input',
          `sha256: ${at(p)}: in the package but in no manifest (an added file)`,
          'sha256',
          'package.file_extra',
          { file: at(p) },
        );
      }
    }
    for (const p of manifest.keys()) if (!zip.entries.has(at(p))) missing(at(p), 'listed in the manifest but not in the package');
    const oxum = info.find(([l]) => l === 'Payload-Oxum')?.[1];
    const bytes = payload.reduce((n, p) => n + (zip.entries.get(at(p))?.size ?? 0), 0);
    if (oxum !== undefined && oxum !== `${bytes}.${payload.length}`) {
      throw new DossierError(
        'invalid_input',
        `sha256: ${at('bag-info.txt')}: Payload-Oxum says ${oxum}, the payload is ${bytes}.${payload.length}`,
        'sha256',
        'package.payload_oxum',
        { file: at('bag-info.txt') },
      );
    }
    const payloadChecked = (rel: string): Buffer => {
      const bytes = readZipped(zip, need(rel), MAX_JSON_BYTES);
      const want = manifest.get(rel);
      if (want === undefined) missing(at(rel), `not listed in ${at('manifest-sha256.txt')}`);
      if (want !== sha256(bytes)) altered(at(rel), at('manifest-sha256.txt'));
      return bytes;
    };
    if (!zip.entries.has(at('data/case.json')))
      notDossier(at('data/case.json'), `${at('data/case.json')}: not in the package (not a Dossier package)`);
    const data = checkCaseJson(parseJson(payloadChecked('data/case.json'), at('data/case.json')), at('data/case.json'));
    const extractBytes = payloadChecked('data/audit/audit-extract.json');
    parseJson(extractBytes, at('data/audit/audit-extract.json'));

    const label = (l: string) => info.find(([k]) => k === l)?.[1];
    const expect = (l: string, value: string) => {
      if (label(l) !== value) {
        throw new DossierError(
          'invalid_input',
          `sha256: ${at('bag-info.txt')}: ${l} says ${label(l) ?? 'nothing'}, case.json says ${value}`,
          'sha256',
          'package.info_mismatch',
          { file: at('bag-info.txt'), label: l },
        );
      }
    };
    expect('Dossier-Package-Id', data.packageId);
    expect('Dossier-Case-Id', data.case.id);
    expect('Dossier-Profile', data.profile);

    const bySha = new Map<string, string>();
    for (const [p, h] of manifest) if (p.startsWith('data/evidence/') && p !== 'data/evidence/index.csv') bySha.set(h, p);
    const evidenceEntries = new Map<string, { entry: string; size: number }>();
    for (const e of data.evidence) {
      const rel = bySha.get(e.sha256);
      const entry = rel === undefined ? undefined : zip.entries.get(at(rel));
      if (rel === undefined || !entry)
        missing(at(`data/evidence/${e.originalName}`), `the evidence file ${e.sha256} is not in the package`);
      if (entry.size !== e.size) altered(at(rel), `the size case.json gives (${e.size} bytes)`);
      evidenceEntries.set(e.sha256, { entry: at(rel), size: entry.size });
    }
    return {
      root: root.replace(/\/$/, ''),
      info,
      data,
      auditExtract: extractBytes.toString('utf8'),
      auditExtractSha256: sha256(extractBytes),
      evidenceEntries,
    };
  } finally {
    zip.close();
  }
}
