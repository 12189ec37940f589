import fs from 'node:fs';
import { test, expect, dossier, axeViolations } from './fixtures.ts';

test.describe('the evidence package, end to end', () => {
  test('export a case from its page by keyboard, verify it, save it, and the saved file verifies', async ({ shell }) => {
    const { page } = shell;
    const created = JSON.parse(
      dossier(['call', 'cases.create', '{"title":"Gyroscopes to Iran via Armenia","summary":"Société écran à Erevan"}'], shell.db)
        .stdout,
    ) as { id: string; fileNumber: string };
    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}/overview`;
    }, created.id);
    await page.getByRole('button', { name: 'Export package…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export case as an evidence package' });
    await dialog.getByRole('radio', { name: /Partner agency/ }).focus();
    await page.keyboard.press('ArrowUp');
    await expect(dialog.getByRole('radio', { name: /Prosecution/ })).toBeChecked();
    expect(await axeViolations(page, '.bp6-dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(dialog.getByText(new RegExp(`${created.fileNumber}-prosecution-\\d{8}-\\d{6}\\.zip: \\d+ files`))).toBeVisible();

    await dialog.getByRole('button', { name: 'Verify' }).click();
    await expect(dialog.getByText(/Valid BagIt 1\.0 bag/)).toBeVisible();

    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save the package…' }).click();
    const saved = await (await download).path();
    expect(fs.statSync(saved).size).toBeGreaterThan(1000);
    const verified = dossier(['verify', saved], shell.db);
    expect(verified.stdout).toMatch(/valid BagIt 1\.0 bag/);
  });

  test('the page in view answers File > Export case and File > Print (Ctrl+P); elsewhere the app says where they are', async ({
    shell,
  }) => {
    const { page } = shell;
    const kase = JSON.parse(dossier(['call', 'cases.create', '{"title":"Gyroscopes to Iran"}'], shell.db).stdout) as {
      id: string;
    };
    const seizure = JSON.parse(
      dossier(
        [
          'call',
          'seizures.create',
          JSON.stringify({
            caseId: kase.id,
            seizedAt: '2026-03-10T16:30:00Z',
            place: 'Port of Montréal',
            items: [
              { description: 'MEMS gyroscopes', quantity: 12, unit: 'piece', value: { amountMinor: 1_250_000, currency: 'USD' } },
            ],
          }),
        ],
        shell.db,
      ).stdout,
    ) as { id: string; seizureNumber: string };

    await page.keyboard.press('Control+p');
    await expect(page.getByText(/^Nothing to print here: open a case/)).toBeVisible();

    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}/overview`;
    }, kase.id);
    await expect(page.getByRole('button', { name: 'Export package…' })).toBeVisible();
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Search or run a command' }).pressSequentially('Export this');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Export case as an evidence package' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.evaluate((id) => {
      window.location.hash = `#/seizures/${id}`;
    }, seizure.id);
    await expect(page.getByRole('button', { name: 'Print custody record' })).toBeVisible();
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+p');
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/-custody-\d{8}-\d{6}\.pdf$/);
    expect(
      fs
        .readFileSync(await saved.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});
