import { verifyBag } from '../db/package/verify.ts';
import { UsageError, parse } from './args.ts';

/** `dossier verify F.zip`: exit 0 when the bag is valid; 1 listing every problem, each naming its file. */
export async function cmdVerify(argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, { json: { type: 'boolean' } });
  const [file, ...more] = positionals;
  if (!file || more.length) throw new UsageError('verify takes one package file: dossier verify F.zip');
  const report = await verifyBag(file);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.valid ? 0 : 1;
  }
  if (report.valid) {
    const id = report.info.find(([l]) => l === 'External-Identifier')?.[1];
    process.stdout.write(
      `${file}: valid BagIt 1.0 bag${id ? ` of case ${id}` : ''}, ${report.payloadFiles} payload files, ${report.payloadBytes} bytes, ` +
        'every SHA-256 and SHA-512 matches\n',
    );
    return 0;
  }
  process.stdout.write(`${file}: NOT valid, ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}:\n`);
  for (const p of report.problems) process.stdout.write(`  ${p.message}\n`);
  return 1;
}
