import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, dossier } from './fixtures.ts';

test.describe('evidence and the audit trail', () => {
  test('attach a file, see its SHA-256, and find the attachment in the audit view', async ({ shell }) => {
    const { page } = shell;
    const created = JSON.parse(dossier(['call', 'cases.create', '{"title":"Seized invoices"}'], shell.db).stdout) as {
      id: string;
    };
    const file = path.join(shell.dataDir, 'invoice-4471.txt');
    fs.writeFileSync(file, `Commercial invoice 4471\n${'FPGA XC7K325T x 40\n'.repeat(2000)}`);
    const expected = createHash('sha256').update(fs.readFileSync(file)).digest('hex');

    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}/evidence`;
    }, created.id);
    await expect(page.getByText('No evidence in this case yet')).toBeVisible();
    await page.getByRole('button', { name: 'Attach files' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Attach evidence' });
    await dialog.getByLabel('Files').setInputFiles(file);
    await dialog.getByLabel('Description').fill('Invoice found in the exporter’s office');
    await dialog.getByLabel('Acquired from').fill('Exporter’s office, Laval');
    await dialog.getByRole('button', { name: 'Attach files' }).click();
    await expect(dialog).toBeHidden();

    const grid = page.getByRole('grid', { name: 'Evidence' });
    await grid.getByRole('row').filter({ hasText: 'invoice-4471.txt' }).click();
    await expect(page.getByTestId('evidence-sha256')).toHaveText(expected);
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Audit' }).click();
    await expect(page).toHaveURL(/\/audit$/);
    const audit = page.getByRole('grid', { name: 'Audit trail' });
    const row = audit.getByRole('row').filter({ hasText: 'evidence.attach' });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Amélie Tremblay (CBSA-40127)');
    await row.click();
    const details = page.locator('.bp6-drawer');
    await expect(details).toContainText('Change No.');
    await expect(details.getByRole('row').filter({ hasText: 'sha256' })).toContainText(expected);

    // The same trail, as CSV.
    await page.keyboard.press('Escape');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = fs.readFileSync(await (await download).path(), 'utf8');
    expect(csv.split('\n')[0]).toContain('PROTECTED B / PROTÉGÉ B');
    expect(csv.split('\n')[1]).toContain('seq');
    expect(csv).toContain(expected);
  });

  test('retire a file with a reason: it stays, marked retired', async ({ shell }) => {
    const { page } = shell;
    const created = JSON.parse(dossier(['call', 'cases.create', '{"title":"Photos of the crates"}'], shell.db).stdout) as {
      id: string;
    };
    const file = path.join(shell.dataDir, 'crate.png');
    // A 1x1 PNG.
    fs.writeFileSync(
      file,
      Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
    );
    dossier(['attach', file, '--case', created.id, '--description', 'Crate 7 label'], shell.db);
    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}/evidence`;
    }, created.id);
    await page.getByRole('grid', { name: 'Evidence' }).getByRole('row').filter({ hasText: 'crate.png' }).click();
    await expect(page.getByRole('img', { name: 'Crate 7 label' })).toBeVisible();
    await page.getByRole('button', { name: 'Retire…' }).click();
    const retire = page.getByRole('dialog', { name: 'Retire this file' });
    await retire.getByRole('button', { name: 'Retire file' }).click();
    await expect(retire.getByText('Required', { exact: true })).toBeVisible();
    await retire.getByLabel('Reason for retiring').fill('Duplicate of exhibit 12');
    await retire.getByRole('button', { name: 'Retire file' }).click();
    await expect(page.locator('.bp6-drawer .bp6-callout')).toContainText('Duplicate of exhibit 12');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('grid', { name: 'Evidence' }).getByRole('row').filter({ hasText: 'crate.png' })).toHaveCount(0);
    await page.getByText('Show retired files').click();
    await expect(page.getByRole('grid', { name: 'Evidence' }).getByRole('row').filter({ hasText: 'crate.png' })).toContainText(
      'Retired',
    );
  });
});
