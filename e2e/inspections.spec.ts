import type { Page } from '@playwright/test';
import { test, expect, dossier, axeViolations } from './fixtures.ts';

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

async function noAxeViolations(page: Page, include?: string): Promise<void> {
  expect(await axeViolations(page, include)).toEqual([]);
}

/** Axe in both themes: the operating system's light, then dark. */
async function noAxeViolationsInBothThemes(page: Page, include?: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await noAxeViolations(page, include);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('body.bp6-dark, .bp6-dark').first()).toBeAttached();
  await noAxeViolations(page, include);
  await page.emulateMedia({ colorScheme: 'light' });
}

test.describe('inspections', () => {
  test('record an inspection at the Port of Montréal that detains the goods, then open the detention it made', async ({
    shell,
  }) => {
    const { page, db } = shell;
    const call = <T>(method: string, input: unknown): T =>
      JSON.parse(dossier(['call', method, JSON.stringify(input)], db).stdout) as T;
    const c = call<{ id: string; fileNumber: string }>('cases.create', { title: 'CNC spindles declared as pumps' });
    const exporter = call<{ id: string }>('entities.create', {
      kind: 'organization',
      legalName: 'Ararat Microsystems LLC',
      country: 'AM',
    });
    call('cases.addEntity', { caseId: c.id, entityId: exporter.id, role: 'exporter' });

    // --- The case's Verifications tab: no inspection yet, and what to do -------------------------
    await go(page, `#/cases/${c.id}/verifications`);
    await expect(page.getByText('No inspections in this case yet')).toBeVisible();
    await page.getByRole('button', { name: 'Record an inspection…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Record an inspection' });
    // The first field has the focus: the place kind, a port by default.
    await expect(dialog.getByLabel('Place kind')).toBeFocused();
    await expect(dialog.getByLabel('Place kind')).toHaveValue('port');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Port of Montréal, Racine terminal');
    await expect(dialog.locator('#new-inspection-place')).toHaveValue('Port of Montréal, Racine terminal');
    await dialog.getByLabel('Shipment reference').pressSequentially('MSCU 4759311');
    const exporterPicker = dialog.getByLabel('Exporter');
    await exporterPicker.pressSequentially('Ararat');
    await page.getByRole('option', { name: /Ararat Microsystems LLC/ }).click();
    await dialog.getByLabel('Why selected').selectOption('targeting_rule');
    await dialog.getByLabel('Selection detail').pressSequentially('Rule 7: pumps to the Caucasus');
    await expect(dialog.getByLabel('Officer')).toHaveValue('Amélie Tremblay');
    await dialog.getByLabel('Documents').focus();
    await page.keyboard.press('Space');
    await dialog.getByLabel('Goods', { exact: true }).focus();
    await page.keyboard.press('Space');
    await expect(dialog.getByLabel('Goods', { exact: true })).toBeChecked();
    await dialog.getByLabel('Seals found').pressSequentially('CBSA 004512');
    await dialog
      .getByLabel('Findings')
      .pressSequentially('Discrepancy: the crates declared as pumps hold 12 CNC spindle assemblies.');
    await dialog.locator('#new-inspection-result').selectOption('goods_detained');
    await expect(dialog.getByRole('group', { name: 'The detention it makes' })).toBeVisible();
    await dialog.getByLabel('What is held').selectOption('goods');
    await dialog.getByLabel('Declared ECCN').pressSequentially('2b001');
    await dialog.getByLabel('Legal authority').pressSequentially('Customs Act s. 101');
    await noAxeViolationsInBothThemes(page, '.bp6-dialog');

    // --- A number of another year: the contract refuses it, under that field, keeping what was typed ---
    const number = dialog.getByLabel('Inspection number');
    await number.pressSequentially('2019-INS-000001');
    await page.keyboard.press('Control+s');
    await expect(number).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.locator('#new-inspection-inspectionNumber-help')).toContainText(
      /2019-INS-000001 carries the year 2019, but the record is dated/,
    );
    await expect(number).toBeFocused();
    await expect(dialog.getByLabel('Findings')).toHaveValue(
      'Discrepancy: the crates declared as pumps hold 12 CNC spindle assemblies.',
    );
    await number.clear();
    await expect(number).not.toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.press('Control+s');
    await expect(dialog).toHaveCount(0);

    // --- The inspection page: completed, goods detained, the detention it made ----------------------
    await expect(page.getByRole('heading', { name: 'Inspection at Port of Montréal, Racine terminal' })).toBeVisible();
    const inspectionNumber = (await page.locator('.record-number').textContent()) ?? '';
    expect(inspectionNumber).toMatch(/^\d{4}-INS-\d{6}$/);
    const title = page.locator('.record-title-row');
    await expect(title.getByText('Completed')).toBeVisible();
    await expect(title.getByText('Goods detained')).toBeVisible();
    await expect(page.getByRole('link', { name: c.fileNumber })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ararat Microsystems LLC' })).toBeVisible();
    await expect(page.getByText('Rule 7: pumps to the Caucasus')).toBeVisible();
    // Completed: no move is offered any more.
    await expect(page.getByRole('button', { name: 'Record the result…' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Cancel…' })).toHaveCount(0);
    // The audit trail of the record shows its creation.
    await expect(page.getByText('inspections.create').first()).toBeVisible();

    // --- A photo of the seal, uploaded to the case's evidence and linked to the inspection ----------
    await page.getByRole('button', { name: 'Attach a file…' }).click();
    const attach = page.getByRole('dialog', { name: 'Attach a file to the inspection' });
    await attach.getByLabel('Files').setInputFiles({
      name: 'seal-004512.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Seal CBSA 004512 intact on the container door.\n'),
    });
    await attach.getByLabel('Description').pressSequentially('Seal on the container door');
    await attach.getByRole('button', { name: 'Attach', exact: true }).click();
    await expect(attach).toHaveCount(0);
    const files = page.getByRole('table', { name: 'Photos and documents' });
    await expect(files.getByRole('button', { name: 'seal-004512.txt' })).toBeVisible();
    await noAxeViolationsInBothThemes(page);

    // --- The detention it made: its place and its reason come from the inspection -----------------
    const detentionLink = page.locator('.insp-made a');
    const detentionNumber = (await detentionLink.textContent()) ?? '';
    expect(detentionNumber).toMatch(/^\d{4}-DT-\d{6}$/);
    await detentionLink.click();
    await expect(page.getByRole('heading', { name: 'Detention of goods' })).toBeVisible();
    await expect(page.locator('.record-number')).toHaveText(detentionNumber);
    await expect(page.locator('.record-sub')).toContainText('Port of Montréal, Racine terminal');
    await expect(page.getByLabel('Port or place')).toHaveValue('Port of Montréal, Racine terminal');
    await expect(page.getByLabel('Reason for the detention')).toHaveValue(
      'Discrepancy: the crates declared as pumps hold 12 CNC spindle assemblies.',
    );
    await expect(page.getByLabel('Declared ECCN')).toHaveValue('2B001');
    await expect(page.getByLabel('Legal authority')).toHaveValue('Customs Act s. 101');

    // The inspection is listed across cases.
    await go(page, '#/inspections');
    const grid = page.getByRole('grid', { name: 'Inspections' });
    await expect(grid.getByText(inspectionNumber)).toBeVisible();
    await expect(grid.getByText('Goods detained', { exact: true })).toBeVisible();
    // Filtered in SQL by status or result, in one column.
    await grid.getByLabel('Filter Status').selectOption('no_discrepancy');
    await expect(page.getByText('No inspection matches')).toBeVisible();
    await grid.getByLabel('Filter Status').selectOption('goods_detained');
    await expect(grid.getByText(inspectionNumber)).toBeVisible();
  });

  test('an inspection in progress gets its result later (goods seized), or is cancelled with a reason', async ({ shell }) => {
    const { page, db } = shell;
    const call = <T>(method: string, input: unknown): T =>
      JSON.parse(dossier(['call', method, JSON.stringify(input)], db).stdout) as T;
    const c = call<{ id: string }>('cases.create', { title: 'Thermal cameras through Lacolle' });
    const first = call<{ id: string }>('inspections.create', {
      caseId: c.id,
      placeKind: 'border_crossing',
      place: 'Lacolle commercial crossing',
      selection: 'intelligence',
      findings: 'Thermal imaging cores under the pallets.',
    });
    const second = call<{ id: string }>('inspections.create', {
      caseId: c.id,
      placeKind: 'airport',
      place: 'Montréal–Trudeau International',
      selection: 'random',
    });

    // Record the result: goods seized, with one goods line.
    await go(page, `#/inspections/${first.id}`);
    await expect(page.locator('.record-title-row').getByText('In progress')).toBeVisible();
    await page.getByRole('button', { name: 'Record the result…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record the result' });
    await expect(dialog.locator('#complete-result')).toBeFocused();
    await dialog.locator('#complete-result').selectOption('goods_seized');
    const line = dialog.getByRole('group', { name: 'Goods line 1' });
    await line.getByLabel('Description').pressSequentially('Thermal imaging cores');
    await line.getByLabel('Quantity').pressSequentially('40');
    await line.getByLabel('Value').pressSequentially('12 500,x');
    await expect(line.getByText('Not an amount', { exact: false })).toBeVisible();
    await line.getByLabel('Value').clear();
    await line.getByLabel('Value').pressSequentially('18,400.00');
    await expect(line.getByText(/Read as CAD\s18,400\.00/)).toBeVisible();
    await noAxeViolations(page, '.bp6-dialog');
    await dialog.getByRole('button', { name: 'Record the result' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('.record-title-row').getByText('Goods seized')).toBeVisible();
    const seizureLink = page.locator('.insp-made a');
    await expect(seizureLink).toHaveText(/^\d{4}-SZ-\d{6}$/);

    // Cancel the other one, with the reason; the reason is required.
    await go(page, `#/inspections/${second.id}`);
    await page.getByRole('button', { name: 'Cancel…' }).click();
    const cancel = page.getByRole('dialog', { name: 'Cancel the inspection' });
    await expect(cancel.getByLabel('Reason for cancelling')).toBeFocused();
    await cancel.getByRole('button', { name: 'Cancel the inspection' }).click();
    await expect(cancel.getByLabel('Reason for cancelling')).toHaveAttribute('aria-invalid', 'true');
    await cancel.getByLabel('Reason for cancelling').pressSequentially('Shipment left before the examination.');
    await cancel.getByRole('button', { name: 'Cancel the inspection' }).click();
    await expect(cancel).toHaveCount(0);
    await expect(page.locator('.record-title-row').getByText('Cancelled')).toBeVisible();
    await expect(page.getByText('Shipment left before the examination.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Record the result…' })).toHaveCount(0);
  });
});
