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
});
