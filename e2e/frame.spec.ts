import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, dossier } from './fixtures.ts';

/** What every screen of a case must do: keep unsaved edits, show its marking, be reachable by keyboard. */

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

function call<T>(db: string, method: string, input: unknown): T {
  return JSON.parse(dossier(['call', method, JSON.stringify(input)], db).stdout) as T;
}

test.describe('the frame of every case screen', () => {
  test('leaving an edited form asks to save, discard or stay; each keeps or drops the edit as said', async ({ shell }) => {
    const { page } = shell;
    const c = call<{ id: string }>(shell.db, 'cases.create', { title: 'Thermal cameras to Belarus' });
    await go(page, `#/cases/${c.id}/overview`);
    const title = page.getByLabel(/^Title/);
    await expect(title).toHaveValue('Thermal cameras to Belarus');
    await title.press('End');
    await title.pressSequentially(' via Lithuania');

    // In-app navigation: the left navigation.
    await page.getByRole('link', { name: 'Entities' }).click();
    const prompt = page.getByRole('dialog', { name: 'Unsaved changes' });
    await expect(prompt).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/cases/${c.id}/overview$`));
    await prompt.getByRole('button', { name: 'Stay' }).click();
    await expect(prompt).toBeHidden();
    await expect(title).toHaveValue('Thermal cameras to Belarus via Lithuania');

    // Another tab of the same case, by keyboard.
    await page.getByRole('tab', { name: 'Subjects' }).click();
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: 'Save and leave' }).click();
    await expect(page).toHaveURL(new RegExp(`#/cases/${c.id}/subjects$`));
    expect(call<{ title: string }>(shell.db, 'cases.get', { id: c.id }).title).toBe('Thermal cameras to Belarus via Lithuania');

    // The browser's back button, then discard.
    await page.getByRole('tab', { name: 'Overview' }).click();
    await title.press('End');
    await title.pressSequentially(' (draft)');
    await page.goBack();
    await expect(prompt).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/cases/${c.id}/overview$`));
    await prompt.getByRole('button', { name: 'Discard changes' }).click();
    await expect(page).toHaveURL(new RegExp(`#/cases/${c.id}/subjects$`));
    expect(call<{ title: string }>(shell.db, 'cases.get', { id: c.id }).title).toBe('Thermal cameras to Belarus via Lithuania');

    // Reload with an edit: the browser asks (beforeunload).
    await page.getByRole('tab', { name: 'Overview' }).click();
    await title.press('End');
    await title.pressSequentially('!');
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.type());
        void d.dismiss();
      }),
    );
    await page
      .evaluate(() => {
        window.location.reload();
      })
      .catch(() => undefined);
    expect(await asked).toBe('beforeunload');
  });

  test('every case tab is reached with the keyboard alone', async ({ shell }) => {
    const { page } = shell;
    const c = call<{ id: string }>(shell.db, 'cases.create', { title: 'Gyroscopes to Iran' });
    await go(page, `#/cases/${c.id}/overview`);
    await page.getByRole('tab', { name: 'Overview' }).focus();
    for (const [tab, path] of [
      ['Subjects', 'subjects'],
      ['Links', 'links'],
      ['Seizures', 'seizures'],
      ['Detentions', 'detentions'],
      ['Penalties', 'penalties'],
      ['Verifications', 'verifications'],
      ['Timeline', 'timeline'],
      ['Evidence', 'evidence'],
      ['Audit', 'audit'],
    ] as const) {
      await page.keyboard.press('ArrowRight');
      await expect(page.getByRole('tab', { name: tab })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`#/cases/${c.id}/${path}$`));
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
      await page.getByRole('tab', { name: tab }).focus();
    }
    // Wraps around to the first tab.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Overview' })).toBeFocused();
  });

  test('the marking of a marked case shows on every screen of it', async ({ shell }) => {
    const { page } = shell;
    const c = call<{ id: string }>(shell.db, 'cases.create', { title: 'Secret FPGAs', securityMarking: 'secret' });
    const org = call<{ id: string }>(shell.db, 'entities.create', {
      kind: 'organization',
      legalName: 'Ararat Trade LLC',
      country: 'AM',
    });
    call(shell.db, 'cases.addEntity', { caseId: c.id, entityId: org.id, role: 'exporter' });
    const s = call<{ id: string; items: { id: string }[] }>(shell.db, 'seizures.create', {
      caseId: c.id,
      seizedAt: '2026-02-01T10:00:00Z',
      place: 'Port of Montréal',
      items: [{ description: 'FPGA boards', quantity: 10, value: { amountMinor: 100000, currency: 'CAD' } }],
    });
    const d = call<{ id: string }>(shell.db, 'detentions.create', {
      caseId: c.id,
      subject: 'goods',
      startedAt: '2026-02-02T10:00:00Z',
    });
    const p = call<{ id: string }>(shell.db, 'penalties.create', {
      caseId: c.id,
      contraventionCode: 'C151',
      entityId: org.id,
      amountMinor: 500000,
      currency: 'CAD',
      assessedOn: '2026-02-03',
    });
    const k = call<{ id: string }>(shell.db, 'checks.create', {
      caseId: c.id,
      checkType: 'post_shipment',
      partyId: org.id,
      country: 'AM',
    });
    const i = call<{ id: string }>(shell.db, 'inspections.create', {
      caseId: c.id,
      placeKind: 'port',
      place: 'Port of Montréal',
      officer: 'BSO Gagnon',
      selection: 'random',
    });
    const a = call<{ id: string }>(shell.db, 'complianceAudits.create', {
      caseId: c.id,
      partyId: org.id,
      periodFrom: '2024-01-01',
      periodTo: '2025-12-31',
    });
    const marking = page.getByRole('note', { name: /SECRET/ });
    const screens = [
      ...['overview', 'subjects', 'seizures', 'detentions', 'penalties', 'verifications', 'evidence', 'audit'].map(
        (tab) => `#/cases/${c.id}/${tab}`,
      ),
      `#/seizures/${s.id}`,
      `#/seizures/${s.id}/items/${s.items[0]?.id ?? ''}`,
      `#/detentions/${d.id}`,
      `#/penalties/${p.id}`,
      `#/checks/${k.id}`,
      `#/inspections/${i.id}`,
      `#/audits/${a.id}`,
      `#/entities/${org.id}`,
    ];
    for (const hash of screens) {
      await go(page, hash);
      await expect(marking, hash).toBeVisible();
    }
    // A screen of nothing in particular shows none.
    await go(page, '#/deadlines');
    await expect(marking).toHaveCount(0);
  });
});

test.describe('long work', () => {
  test('Check database runs as a job: a moving progress bar, Cancel, then a clean report', async ({ shell }) => {
    const { page } = shell;
    const c = call<{ id: string }>(shell.db, 'cases.create', { title: 'Disk images' });
    // A large evidence file makes the check take a while on any machine: it reads every byte.
    const file = path.join(shell.dataDir, 'disk.img');
    const mb = Buffer.alloc(1024 * 1024, 9);
    const fd = fs.openSync(file, 'w');
    for (let i = 0; i < 384; i++) fs.writeSync(fd, mb);
    fs.closeSync(fd);
    dossier(['attach', file, '--case', c.id, '--description', 'Image of the seized drive'], shell.db);

    await go(page, '#/cases');
    const openCheck = async () => {
      await page.keyboard.press('Control+k');
      await page.getByRole('textbox', { name: 'Search or run a command' }).fill('Check database');
      await page
        .locator('.bp6-omnibar .bp6-menu-item')
        .filter({ hasText: /^Check database$/ })
        .click();
    };
    await openCheck();
    const dialog = page.getByRole('dialog', { name: 'Database check' });
    await expect(dialog.getByRole('progressbar')).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog.getByText('Cancelled: nothing was changed.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Check again' }).click();
    await expect(dialog.getByText(/^Every check passed/)).toBeVisible({ timeout: 120_000 });
  });
});
