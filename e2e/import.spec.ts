import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, dossier, axeViolations } from './fixtures.ts';

/** One contract call through the real CLI, its result parsed. */
function call<T>(db: string, method: string, input: unknown): T {
  return JSON.parse(dossier(['call', method, JSON.stringify(input)], db).stdout) as T;
}

/**
 * A partner agency's database with a case, exported and imported here; then the case changed
 * there (title, a custody movement, a payment) and here (the penalty's notes, later), and exported
 * again: the package that the import dialog reports record by record.
 */
function aCaseChangedOnBothSides(db: string): { zip: string; caseId: string; fileNumber: string; penaltyId: string } {
  const there = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-partner-')), 'dossier.db');
  call(there, 'settings.update', { profile: { name: 'Sam Okafor', badge: 'RCMP-2231', agency: 'RCMP Federal Policing' } });
  const c = call<{ id: string; fileNumber: string }>(there, 'cases.create', {
    title: 'Gyroscopes to Iran via Armenia',
    openedOn: '2026-01-05',
  });
  const org = call<{ id: string }>(there, 'entities.create', {
    kind: 'organization',
    legalName: 'Ararat Trade LLC',
    country: 'AM',
  });
  call(there, 'cases.addEntity', { caseId: c.id, entityId: org.id, role: 'consignee' });
  const seizure = call<{ seizingOfficer: string; place: string; items: { id: string }[] }>(there, 'seizures.create', {
    caseId: c.id,
    seizedAt: '2026-03-10T16:30:00Z',
    place: 'Port of Montréal',
    seizedFromEntityId: org.id,
    items: [{ description: 'MEMS gyroscopes', quantity: 12, unit: 'piece', value: { amountMinor: 1_250_000, currency: 'USD' } }],
  });
  const penalty = call<{ id: string }>(there, 'penalties.create', {
    caseId: c.id,
    contraventionCode: 'C152',
    entityId: org.id,
    amountMinor: 150_000,
    currency: 'CAD',
    assessedOn: '2026-02-01',
  });
  const first = path.join(path.dirname(there), 'first.zip');
  dossier(['export', c.fileNumber, '--out', first], there);
  dossier(['import', first], db);

  const here = call<{ version: number }>(db, 'penalties.get', { id: penalty.id });
  call(db, 'penalties.update', { id: penalty.id, version: here.version, notes: 'Counsel called on 15 March' });
  const kase = call<{ version: number }>(there, 'cases.get', { id: c.id });
  call(there, 'cases.update', { id: c.id, version: kase.version, title: 'Gyroscopes to Iran via Armenia and Georgia' });
  call(there, 'custody.record', {
    itemId: seizure.items[0]?.id,
    at: '2026-03-11T09:00:00Z',
    releasedBy: seizure.seizingOfficer,
    receivedBy: 'Omar Ahmed',
    fromLocation: seizure.place,
    toLocation: 'CBSA warehouse, Dorval',
    purpose: 'storage',
    sealNumbers: ['CBSA-1001'],
  });
  call(there, 'penalties.recordPayment', {
    penaltyId: penalty.id,
    amountMinor: 40_000,
    currency: 'CAD',
    method: 'wire',
    paidOn: '2026-03-01',
  });
  const later = path.join(path.dirname(there), 'later.zip');
  dossier(['export', c.fileNumber, '--out', later], there);
  return { zip: later, caseId: c.id, fileNumber: c.fileNumber, penaltyId: penalty.id };
}

test.describe('importing an evidence package', () => {
  test('a case already here: the differences record by record, then merged by keyboard, audited', async ({ shell }) => {
    const { page } = shell;
    const pkg = aCaseChangedOnBothSides(shell.db);
    await page.reload();
    await page.getByRole('button', { name: 'Import package…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import an evidence package' });
    await expect(dialog.getByText(/It is verified first/)).toBeVisible();
    expect(await axeViolations(page, '.bp6-dialog')).toEqual([]);
    await dialog.locator('#import-file').setInputFiles(pkg.zip);

    await expect(dialog.getByText(`Case ${pkg.fileNumber} is already here.`, { exact: false })).toBeVisible();
    const changes = dialog.getByRole('table', { name: 'What differs, record by record' });
    await expect(
      changes.getByRole('row', {
        name: /Case .*title: Gyroscopes to Iran via Armenia → Gyroscopes to Iran via Armenia and Georgia Brought in/,
      }),
    ).toBeVisible();
    // Field by field: the status the payment moved there comes in; the notes changed here stay.
    await expect(
      changes.getByRole('row', {
        name: /Penalty .*status: issued → partly_paid .*notes: Counsel called on 15 March → \(empty\) \(Kept: changed here since it was imported\) Brought in/,
      }),
    ).toBeVisible();
    await expect(changes.getByRole('row', { name: /New Custody entry/ })).toBeVisible();
    await expect(changes.getByRole('row', { name: /New Payment/ })).toBeVisible();
    await expect(dialog.getByRole('table', { name: 'Records in the package' })).toBeVisible();
    expect(await axeViolations(page, '.bp6-dialog')).toEqual([]);

    const merge = dialog.getByRole('button', { name: 'Merge into the case here' });
    await merge.focus();
    await page.keyboard.press('Enter');
    await expect(
      dialog.getByText(`Merged into case ${pkg.fileNumber}: 2 records added, 2 changed, none kept as here.`),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Open the case' }).click();
    await expect(page.getByRole('heading', { name: /Gyroscopes to Iran via Armenia and Georgia/ })).toBeVisible();
    const penalty = call<{ notes: string; status: string; paidMinor: number }>(shell.db, 'penalties.get', { id: pkg.penaltyId });
    expect(penalty).toMatchObject({ notes: 'Counsel called on 15 March', status: 'partly_paid', paidMinor: 40_000 });

    // The same package again: already imported, nothing to do.
    await page.evaluate(() => {
      window.location.hash = '#/cases';
    });
    await page.getByRole('button', { name: 'Import package…' }).click();
    await page.getByRole('dialog').locator('#import-file').setInputFiles(pkg.zip);
    await expect(page.getByRole('dialog').getByText(/Already imported on .* Importing it again changes nothing/)).toBeVisible();
    await expect(page.getByRole('dialog').getByRole('button', { name: /^(Import|Merge)/ })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(dossier(['check'], shell.db).stdout).toMatch(/passed every check/);
  });

  test('a tampered package is refused with every problem, naming the file', async ({ shell }) => {
    const { page } = shell;
    const c = call<{ fileNumber: string }>(shell.db, 'cases.create', { title: 'Diverted FPGAs' });
    const zip = path.join(shell.dataDir, 'p.zip');
    dossier(['export', c.fileNumber, '--out', zip], shell.db);
    // One byte of the report changed in place (it is stored uncompressed).
    const bytes = fs.readFileSync(zip);
    const at = bytes.indexOf(Buffer.from('%PDF'));
    bytes[at + 1] = 'Q'.charCodeAt(0);
    const bad = path.join(shell.dataDir, 'bad.zip');
    fs.writeFileSync(bad, bytes);
    await page.getByRole('button', { name: 'Import package…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import an evidence package' });
    await dialog.locator('#import-file').setInputFiles(bad);
    await expect(dialog.getByText(/This package is not valid: 2 problems\. Nothing was imported\./)).toBeVisible();
    await expect(
      dialog.getByText(new RegExp(`${c.fileNumber}/data/report/case-report\\.pdf: its SHA256 does not match`)),
    ).toBeVisible();
    await expect(
      dialog.getByText(new RegExp(`${c.fileNumber}/data/report/case-report\\.pdf: its SHA512 does not match`)),
    ).toBeVisible();
    expect(await axeViolations(page, '.bp6-dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Choose another package' }).click();
    await expect(dialog.getByRole('button', { name: 'Choose a package…' })).toBeVisible();
  });

  test('File > Verify package: the verdict and the bag’s description, a tampered copy refused, then Import it… goes on', async ({
    shell,
  }) => {
    const { page } = shell;
    call(shell.db, 'settings.update', { profile: { name: 'Amélie Tremblay', badge: 'CBSA-4471', agency: 'CBSA' } });
    const c = call<{ fileNumber: string }>(shell.db, 'cases.create', { title: 'Diverted FPGAs' });
    const zip = path.join(shell.dataDir, 'received.zip');
    dossier(['export', c.fileNumber, '--out', zip], shell.db);
    const openVerify = async () => {
      await page.keyboard.press('Control+k');
      await page.getByRole('textbox', { name: 'Search or run a command' }).pressSequentially('Verify an evid');
      await page.keyboard.press('Enter');
    };
    await openVerify();
    const dialog = page.getByRole('dialog', { name: 'Verify an evidence package' });
    await expect(dialog.getByText(/Nothing is imported\./)).toBeVisible();
    expect(await axeViolations(page, '.bp6-dialog')).toEqual([]);
    await dialog.locator('#import-file').setInputFiles(zip);
    await expect(
      dialog.getByText(/^The package verifies: all \d+ payload files \(.+\) match their SHA-256 and SHA-512/),
    ).toBeVisible();
    await expect(dialog.getByRole('definition').filter({ hasText: c.fileNumber })).toBeVisible();
    await expect(dialog.getByRole('definition').filter({ hasText: 'Amélie Tremblay' })).toBeVisible();
    expect(await axeViolations(page, '.bp6-dialog')).toEqual([]);

    // A received copy altered by one byte does not verify, and says where.
    const bytes = fs.readFileSync(zip);
    bytes[bytes.indexOf(Buffer.from('%PDF')) + 1] = 'Q'.charCodeAt(0);
    const bad = path.join(shell.dataDir, 'altered.zip');
    fs.writeFileSync(bad, bytes);
    await dialog.getByRole('button', { name: 'Choose another package' }).click();
    await dialog.locator('#import-file').setInputFiles(bad);
    await expect(dialog.getByText('This package does not verify: 2 problems.')).toBeVisible();
    await expect(dialog.getByText(/case-report\.pdf: its SHA256 does not match/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Import it…' })).toHaveCount(0);

    // The intact one, then on to importing it: the same dialog, now the import's.
    await dialog.getByRole('button', { name: 'Choose another package' }).click();
    await dialog.locator('#import-file').setInputFiles(zip);
    await dialog.getByRole('button', { name: 'Import it…' }).click();
    const importing = page.getByRole('dialog', { name: 'Import an evidence package' });
    await expect(importing.getByText(`Case ${c.fileNumber} is already here and nothing differs.`)).toBeVisible();
  });
});
