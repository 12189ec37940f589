import fs from 'node:fs';
import path from 'node:path';
import { test, expect, dossier, axeViolations } from './fixtures.ts';
import { CSL_V1, cslCsv, SEMA_V1, semaXml } from '../test/screening-fixtures.ts';

function call<T>(db: string, method: string, input: unknown): T {
  return JSON.parse(dossier(['call', method, JSON.stringify(input)], db).stdout) as T;
}

test.describe('screening against denied-party lists', () => {
  test('lists imported in the app, a subject edited into a listed name gets a badge, the hit confirmed with a reason is in the audit trail', async ({
    shell,
  }) => {
    const { page } = shell;
    const csl = path.join(shell.dataDir, 'consolidated.csv');
    fs.writeFileSync(csl, cslCsv(CSL_V1));
    const sema = path.join(shell.dataDir, 'sema.xml');
    fs.writeFileSync(sema, semaXml(SEMA_V1, 'new'));
    const subject = call<{ id: string }>(shell.db, 'entities.create', {
      kind: 'person',
      givenName: 'Ivan',
      familyName: 'Sidorenko',
      nationality: 'RU',
    });

    await page.evaluate(() => {
      window.location.hash = '#/screening';
    });
    await expect(page.getByText('No screening list loaded')).toBeVisible();
    const input = page.getByLabel('Import a list…');
    await input.setInputFiles(csl);
    await expect(page.getByText(/imported: \d+ added, 0 changed, 0 removed/)).toBeVisible();
    await input.setInputFiles(sema);
    await expect(page.getByRole('table', { name: 'Loaded screening lists' }).getByRole('row')).toHaveCount(3);

    // Not on a list yet: no badge. Then the family name corrected, key by key, and saved with Ctrl+S.
    await page.evaluate((id) => {
      window.location.hash = `#/entities/${id}`;
    }, subject.id);
    await expect(page.getByRole('heading', { name: 'Ivan Sidorenko' })).toBeVisible();
    await expect(page.getByRole('link', { name: /screening hit/ })).toHaveCount(0);
    const family = page.getByLabel('Family name');
    await family.clear();
    await family.pressSequentially('Petrov');
    await family.press('Control+s');
    await expect(page.getByRole('heading', { name: 'Ivan Petrov' })).toBeVisible();
    const badge = page.getByRole('link', { name: /screening hit/ });
    await expect(badge).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    // The badge opens the entity's hits; the hit is confirmed with a reason, typed and saved from the keyboard.
    await badge.click();
    await expect(page).toHaveURL(new RegExp(`#/screening/${subject.id}$`));
    const hits = page.getByRole('grid', { name: 'Screening hits' });
    // The U.S. list's entry by its name; the Canadian one with the patronymic as a part of the name.
    await expect(page.getByRole('status').filter({ hasText: /hits?$/ })).toHaveText('2 hits');
    const row = hits.getByRole('row', { name: /U\.S\. Consolidated Screening List/ });
    await expect(row).toContainText('Same name');
    await expect(hits.getByRole('row', { name: /Ivan Petrovich PETROV/ })).toContainText('Part of the name');
    await row.getByRole('button', { name: 'Confirm…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Reason')).toBeFocused();
    await dialog.getByRole('button', { name: 'Confirm…' }).click();
    await expect(dialog.getByText(/required|needed/i)).toBeVisible();
    await dialog.getByLabel('Reason').pressSequentially('Same passport 7512345 on the visa application');
    await dialog.getByLabel('Reason').press('Control+s');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('Confirmed: Ivan Petrov is on the list')).toBeVisible();
    expect(
      call<{ rows: { status: string }[] }>(shell.db, 'screening.hits', { entityId: subject.id, status: ['confirmed'] }).rows,
    ).toHaveLength(1);

    await page.getByRole('tab', { name: 'Decisions (audit trail)' }).click();
    // The decision is one audit record; its detail holds the reason.
    const decision = page.getByRole('tabpanel').getByRole('row', { name: /Screening decision/ });
    await expect(decision).toContainText('Amélie Tremblay');
    await decision.click();
    await expect(page.getByText('Same passport 7512345 on the visa application').last()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});
