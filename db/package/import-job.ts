import yauzl from 'yauzl';
import type { Invoke } from '../contract.ts';
import { DossierError, type ErrorBody } from '../errors.ts';
import { ingestStream } from '../evidence-store.ts';
import type { JobStep } from '../shared/domain.ts';
import { verifyBag, type BagReport } from './verify.ts';
import { readPackageParts } from './import-read.ts';
import { storedPackage, type ImportResult, type PackageInspection } from './import.ts';

/**
 * The long part of an import, run by the import jobs (db/jobs/kinds.ts) and by `dossier import`:
 * the whole bag verified as any BagIt tool would (an invalid bag stops here, with every problem
 * naming its file, and nothing is changed), then the package inspected, then for an import its
 * evidence files copied from the ZIP into the evidence store, each checked against its SHA-256,
 * then the records written by packages.import in one transaction. Cancelled, it stops between two
 * files: files already copied stay in the store unattached (swept as any unfinished upload), and
 * no record is written.
 */

export type PackageJobMode = 'inspect' | 'new' | 'merge';

export interface PackageJobResult {
  verify: BagReport;
  inspection: PackageInspection | null;
  imported: ImportResult | null;
  /** Why the package was refused after its bag verified (a case.json that does not fit, a case already here...). */
  refusal: ErrorBody | null;
  evidenceCopied: number;
}

export class PackageJobCancelled extends Error {
  constructor() {
    super('The import was cancelled; nothing was imported');
    this.name = 'PackageJobCancelled';
  }
}

export interface PackageJobOptions {
  dataDir: string;
  sha256: string;
  size: number;
  mode: PackageJobMode;
  invoke: Invoke;
  progress: (done: number, total: number, step: JobStep, detail?: string) => void;
  cancelled: () => boolean;
  /** The bag, already verified from the file it was copied from (`dossier import` checks before it copies). */
  verified?: BagReport;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

/** Copies the entries named in `wanted` (by entry name: expected SHA-256 and size) into the store. */
async function copyEvidence(
  file: string,
  wanted: Map<string, { sha256: string; size: number }>,
  o: PackageJobOptions,
): Promise<number> {
  const total = [...wanted.values()].reduce((n, w) => n + w.size, 0);
  let done = 0;
  let copied = 0;
  const zip = await openZip(file);
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const want = wanted.get(entry.fileName);
        if (!want) {
          zip.readEntry();
          return;
        }
        if (o.cancelled()) {
          reject(new PackageJobCancelled());
          return;
        }
        o.progress(done, total, 'package_evidence', entry.fileName);
        zip
          .openReadStreamPromise(entry)
          .then((stream) =>
            ingestStream(stream, o.dataDir, {
              expectedSize: want.size,
              onProgress: (bytes) => o.progress(done + bytes, total, 'package_evidence', entry.fileName),
            }),
          )
          .then((stored) => {
            if (stored.sha256 !== want.sha256) {
              throw new Error(`${entry.fileName}: its SHA-256 is ${stored.sha256}, case.json says ${want.sha256}`);
            }
            done += want.size;
            copied++;
            zip.readEntry();
          })
          .catch(reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return copied;
}

function refusalOf(err: unknown): ErrorBody {
  if (err instanceof DossierError) return err.toBody();
  throw err;
}

export async function runPackageJob(o: PackageJobOptions): Promise<PackageJobResult> {
  const empty = (verify: BagReport, refusal: ErrorBody | null): PackageJobResult => ({
    verify,
    inspection: null,
    imported: null,
    refusal,
    evidenceCopied: 0,
  });
  let file: string;
  try {
    file = storedPackage(o.dataDir, o);
  } catch (err) {
    return empty({ valid: false, problems: [], root: '', info: [], payloadFiles: 0, payloadBytes: 0 }, refusalOf(err));
  }
  const verify =
    o.verified ?? (await verifyBag(file, { progress: (done, total, path) => o.progress(done, total, 'package_verify', path) }));
  if (!verify.valid) return empty(verify, null);
  if (o.cancelled()) throw new PackageJobCancelled();

  const inspected = o.invoke('packages.inspect', { sha256: o.sha256, size: o.size });
  if (!inspected.ok) return empty(verify, inspected.error);
  const inspection = inspected.result as PackageInspection;
  if (o.mode === 'inspect') return { verify, inspection, imported: null, refusal: null, evidenceCopied: 0 };

  let evidenceCopied = 0;
  if (inspection.status !== 'already_imported') {
    const parts = readPackageParts(file);
    const wanted = new Map([...parts.evidenceEntries].map(([sha256, { entry, size }]) => [entry, { sha256, size }] as const));
    evidenceCopied = await copyEvidence(file, wanted, o);
  }
  if (o.cancelled()) throw new PackageJobCancelled();
  o.progress(0, 0, 'package_records');
  const env = o.invoke('packages.import', { sha256: o.sha256, size: o.size, mode: o.mode });
  return env.ok
    ? { verify, inspection, imported: env.result as ImportResult, refusal: null, evidenceCopied }
    : { verify, inspection, imported: null, refusal: env.error, evidenceCopied };
}
