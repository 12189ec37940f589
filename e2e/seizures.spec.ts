import { test, expect, dossier, axeViolations } from './fixtures.ts';

test.describe('seizures and the chain of custody', () => {
  test('record a seizure with two goods lines, move an item through three custody entries, and keep exact totals', async ({
    shell,
  }) => {
    const { page } = shell;
    const created = JSON.parse(
      dossier(['call', 'cases.create', '{"title":"FPGA diversion through Dubai"}'], shell.db).stdout,
    ) as { id: string };

    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}/seizures`;
    }, created.id);
    await expect(page.getByText('No seizures in this case yet')).toBeVisible();
    await page.getByRole('button', { name: 'Record seizure' }).first().click();

    // The seizure: its header, and two goods lines validated as typed.
    const dialog = page.getByRole('dialog', { name: 'Record a seizure' });
    await dialog.getByLabel(/^Seized at/).fill('2026-03-15T14:05');
    await dialog.getByLabel(/^Place of seizure/).fill('Port of Montréal, Racine terminal');
    await expect(dialog.getByLabel(/^Seizing officer/)).toHaveValue('Amélie Tremblay');
    await dialog.getByLabel(/^Legal provision/).fill('Customs Act s. 110; Export and Import Permits Act s. 13');
    await dialog.getByLabel(/^Storage location/).fill('CBSA exhibit vault, Montréal');

    const line1 = dialog.getByRole('group', { name: 'Goods line 1' });
    await line1.getByLabel(/^Description/).fill('Xilinx Kintex-7 FPGAs XC7K325T');
    await line1.getByLabel(/^Quantity/).fill('40');
    await line1.getByLabel(/^HS code/).fill('85A2');
    await expect(line1.getByText('An HS code has digits only (dots and spaces are ignored)')).toBeVisible();
    await line1.getByLabel(/^HS code/).fill('8542.39');
    await expect(line1.getByText('An HS code has digits only (dots and spaces are ignored)')).toBeHidden();
    await line1.getByLabel(/^ECCN/).fill('3F001');
    await expect(line1.getByText('The second character of an ECCN is its product group, a letter A-E')).toBeVisible();
    await line1.getByLabel(/^ECCN/).fill('3A001.a.7');
    await line1.getByLabel(/^Country of origin/).fill('US');
    await line1.getByLabel(/^Value/).fill('1,234,567.10');
    await line1.getByLabel('Currency').selectOption('USD');

    await dialog.getByRole('button', { name: 'Add a goods line' }).click();
    const line2 = dialog.getByRole('group', { name: 'Goods line 2' });
    await line2.getByLabel(/^Description/).fill('Multi-band GNSS receiver modules');
    await line2.getByLabel(/^Quantity/).fill('12');
    await line2.getByLabel(/^HS code/).fill('852691');
    await line2.getByLabel(/^ECCN/).fill('7A994');
    await line2.getByLabel(/^Country of origin/).fill('CN');
    await expect(line2.getByLabel('Currency')).toHaveValue('USD');
    await line2.getByLabel(/^Value/).fill('0.20');
    await expect(dialog.getByText('2 goods lines:')).toBeVisible();
    await expect(dialog.getByText('USD 1,234,567.30')).toBeVisible();
    await dialog.getByRole('button', { name: 'Record seizure' }).click();
    await expect(dialog).toBeHidden();

    // The new seizure opens on its first item's chain of custody.
    await expect(page).toHaveURL(/#\/seizures\/[\w-]+\/items\/[\w-]+$/);
    const chain = page.getByRole('region', { name: 'Chain of custody: item 1' });
    await expect(chain).toContainText('Xilinx Kintex-7 FPGAs XC7K325T');
    await expect(chain.getByRole('status')).toContainText('No movement');

    const move = async (m: { releasedBy?: string; receivedBy: string; to: string; purpose: string; at: string }) => {
      await chain.getByRole('button', { name: 'Record movement' }).first().click();
      const d = page.getByRole('dialog', { name: 'Record a movement of item 1' });
      if (m.releasedBy !== undefined) await d.getByLabel(/^Released by/).fill(m.releasedBy);
      await d.getByLabel(/^Received by/).fill(m.receivedBy);
      await d.getByLabel(/^To/).fill(m.to);
      await d.getByLabel(/^Purpose/).selectOption({ label: m.purpose });
      await d.getByLabel(/^Date and time/).fill(m.at);
      await d.getByRole('button', { name: 'Record movement' }).click();
      return d;
    };

    // 1. From the seizing officer (the releaser offered by default) to the exhibit vault.
    let d = await move({
      receivedBy: 'Marc Gagnon',
      to: 'CBSA exhibit vault, Montréal',
      purpose: 'Storage',
      at: '2026-03-15T18:00:00',
    });
    await expect(d).toBeHidden();
    await expect(chain.getByRole('status')).toContainText('1 movement');

    // 2. To the laboratory for analysis.
    d = await move({
      receivedBy: 'Dr. Lina Chen',
      to: 'CBSA Science and Engineering Directorate, Ottawa',
      purpose: 'Analysis',
      at: '2026-03-16T09:30:00',
    });
    await expect(d).toBeHidden();

    // 3. A wrong releaser is refused, with the reason under the field and the typed values kept.
    d = await move({
      releasedBy: 'Marc Gagnon',
      receivedBy: 'Marc Gagnon',
      to: 'CBSA exhibit vault, Montréal',
      purpose: 'Storage',
      at: '2026-03-20T11:00:00',
    });
    await expect(d.getByText('Must be the current custodian, Dr. Lina Chen (not Marc Gagnon)')).toBeVisible();
    await expect(d.getByLabel(/^Released by/)).toHaveAttribute('aria-invalid', 'true');
    await expect(d.getByLabel(/^Received by/)).toHaveValue('Marc Gagnon');
    await expect(d.getByLabel(/^To/)).toHaveValue('CBSA exhibit vault, Montréal');
    await d.getByLabel(/^Released by/).fill('Dr. Lina Chen');
    await d.getByRole('button', { name: 'Record movement' }).click();
    await expect(d).toBeHidden();

    // After a reload: three movements, each handed on from the one before, and no break.
    await page.reload();
    const reloaded = page.getByRole('region', { name: 'Chain of custody: item 1' });
    await expect(reloaded.getByRole('status')).toContainText('3 movements');
    await expect(reloaded.getByRole('status')).toContainText('Chain unbroken');
    await expect(reloaded.getByRole('status')).toContainText('Now with Marc Gagnon, at CBSA exhibit vault, Montréal');
    const entries = reloaded.getByRole('list', { name: 'Custody entries' }).getByRole('listitem');
    await expect(entries).toHaveCount(3);
    await expect(entries.nth(0)).toContainText('Amélie Tremblay');
    await expect(entries.nth(1)).toContainText('Dr. Lina Chen');
    await expect(entries.nth(2)).toContainText('Recorded by Amélie Tremblay (CBSA-40127)');
    await expect(reloaded.getByText('Break', { exact: true })).toHaveCount(0);
    // Entries are never edited or deleted: a correction is the only change offered.
    await expect(reloaded.getByRole('button', { name: /delete|edit/i })).toHaveCount(0);
    await expect(reloaded.getByRole('button', { name: 'Correct entry 3' })).toBeVisible();

    // The items table shows where each item is now.
    const items = page.getByRole('grid', { name: 'Goods seized' });
    await expect(items.getByRole('row').filter({ hasText: 'Xilinx' })).toContainText('Marc Gagnon');
    await expect(items.getByRole('row').filter({ hasText: 'GNSS' })).toContainText('Amélie Tremblay');

    // The case's seizure totals are exact sums of minor units (not 1234567.3000000001).
    await page.getByRole('link', { name: /EXP/ }).first().click();
    await expect(page).toHaveURL(/\/seizures$/);
    const totals = page.getByRole('region', { name: 'Value seized in this case' });
    await expect(totals).toContainText('USD 1,234,567.30');
    await expect(totals).toContainText('2 items in 1 seizure');
    await expect(
      page.getByRole('grid', { name: 'Seizures' }).getByRole('row').filter({ hasText: 'Port of Montréal' }),
    ).toContainText('USD 1,234,567.30');

    // After a server restart, the case overview still adds it up, and the chain is intact.
    await shell.restart();
    await shell.page.evaluate((id) => {
      window.location.hash = `#/cases/${id}/overview`;
    }, created.id);
    const summary = shell.page.locator('.case-side');
    await expect(summary).toContainText('USD 1,234,567.30');
    const listed = JSON.parse(dossier(['call', 'seizures.list', JSON.stringify({ caseId: created.id })], shell.db).stdout) as {
      total: number;
    };
    expect(listed.total).toBe(1);
  });
});

test.describe('the seizures page', () => {
  test.use({ seedCases: 60 });

  test('lists seizures across cases, filters them in SQL and opens one', async ({ shell }) => {
    const { page } = shell;
    await page.evaluate(() => {
      window.location.hash = '#/seizures';
    });
    const grid = page.getByRole('grid', { name: 'Seizures' });
    const count = page.getByRole('status').filter({ hasText: /^\d+ seizures?$/ });
    await expect(count).toBeVisible();
    const all = Number((await count.textContent())?.split(' ')[0]);
    await grid.getByLabel('Filter Disposition').selectOption('held');
    await expect(count).not.toHaveText(`${all} seizures`);
    const first = grid.getByRole('row').nth(2);
    await expect(first).toContainText('Held');
    await expect(first).toContainText(/\d{4}-EXP-\d{6}/);
    await first.click();
    await expect(page).toHaveURL(/#\/seizures\/[\w-]+\/items\/[\w-]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Seizure');
    await expect(page.getByRole('region', { name: /Chain of custody: item \d+/ })).toBeVisible();
  });

  test('the list, a seizure page and its dialogs pass axe-core accessibility checks', async ({ shell }) => {
    const { page } = shell;
    const violations = (include?: string) => axeViolations(page, include);
    await page.evaluate(() => {
      window.location.hash = '#/seizures';
    });
    await expect(page.getByRole('status').filter({ hasText: /^\d+ seizures?$/ })).toBeVisible();
    expect(await violations()).toEqual([]);

    await page.getByRole('grid', { name: 'Seizures' }).getByRole('row').nth(2).click();
    const chain = page.getByRole('region', { name: /Chain of custody: item \d+/ });
    await expect(chain.getByRole('status')).toBeVisible();
    expect(await violations()).toEqual([]);

    const record = chain.getByRole('button', { name: 'Record movement' }).first();
    if (await record.isEnabled()) {
      await record.click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await violations('.bp6-dialog')).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toBeHidden();
    }

    await page.getByRole('link', { name: /EXP/ }).first().click();
    await page.getByRole('button', { name: 'Record seizure' }).first().click();
    await expect(page.getByRole('dialog', { name: 'Record a seizure' })).toBeVisible();
    expect(await violations('.bp6-dialog')).toEqual([]);
  });
});
