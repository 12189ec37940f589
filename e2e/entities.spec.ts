import { test, expect, dossier, axeViolations } from './fixtures.ts';

const ECCN_GROUP_REASON = 'The second character of an ECCN is its product group, a letter A-E';

test.describe('entities and subjects, end to end', () => {
  test('add a new organization to a case as its exporter; a shipment with a bad ECCN is refused with the reason', async ({
    shell,
  }) => {
    const { page } = shell;
    const created = JSON.parse(
      dossier(['call', 'cases.create', '{"title":"FPGAs to Kyrgyzstan via the UAE"}'], shell.db).stdout,
    ) as { id: string };
    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}/subjects`;
    }, created.id);
    await expect(page.getByText('No subjects in this case yet')).toBeVisible();

    await page.getByRole('button', { name: 'Add to case' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'New entity…' }).click();

    // A shipment whose goods line has an invalid ECCN: the reason stands under the field, and nothing is saved.
    await dialog.getByRole('radio', { name: 'Shipment' }).click();
    await dialog.getByLabel('Transport document', { exact: true }).selectOption('bill_of_lading');
    await dialog.getByLabel('Transport document number').fill('MSCU1234567');
    await dialog.getByRole('button', { name: 'Add a goods line' }).click();
    const line = dialog.getByRole('group', { name: 'Goods line 1' });
    await line.getByRole('textbox', { name: /^Description/ }).fill('Field-programmable gate arrays');
    await line.getByLabel('ECCN').fill('3X001');
    await expect(line.getByText(ECCN_GROUP_REASON)).toBeVisible();
    await dialog.getByRole('button', { name: 'Create and continue' }).click();
    await expect(line.getByText(ECCN_GROUP_REASON)).toBeVisible();
    await expect(line.getByLabel('ECCN')).toBeFocused();
    const shipments = JSON.parse(dossier(['call', 'entities.list', '{"kind":["shipment"]}'], shell.db).stdout) as {
      total: number;
    };
    expect(shipments.total).toBe(0);
    await line.getByLabel('ECCN').fill('3A001.a.7');
    await expect(line.getByText(ECCN_GROUP_REASON)).toHaveCount(0);

    // Then the organization, created inline, given the role of exporter.
    await dialog.getByRole('radio', { name: 'Organization' }).click();
    await dialog.getByRole('textbox', { name: /^Legal name/ }).fill('Tien Shan Trading FZE');
    await dialog.getByLabel('Country', { exact: true }).fill('AE');
    await dialog.getByRole('button', { name: 'Create and continue' }).click();
    await expect(dialog.getByLabel(/^Entity/)).toHaveValue('Tien Shan Trading FZE');
    await dialog.getByLabel('Role in the case').selectOption('exporter');
    expect(await axeViolations(page, '.bp6-dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Add to case' }).click();
    await expect(dialog).toBeHidden();

    const grid = page.getByRole('grid', { name: 'Subjects' });
    const row = grid.getByRole('row').filter({ hasText: 'Tien Shan Trading FZE' });
    await expect(row).toContainText('Exporter');
    await expect(row).toContainText('Organization');

    await page.reload();
    const after = page.getByRole('grid', { name: 'Subjects' }).getByRole('row').filter({ hasText: 'Tien Shan Trading FZE' });
    await expect(after).toContainText('Exporter');
    await expect(after).toContainText('AE');
    await expect(page.getByRole('status')).toHaveText('1 entity');
  });

  test('edit an entity with Ctrl+S, see a version conflict, link and unlink it', async ({ shell }) => {
    const { page } = shell;
    const call = <T>(method: string, input: unknown) =>
      JSON.parse(dossier(['call', method, JSON.stringify(input)], shell.db).stdout) as T;
    const org = call<{ id: string }>('entities.create', {
      kind: 'organization',
      legalName: 'Kazakh Trade Link LLP',
      country: 'KZ',
    });
    call('entities.create', { kind: 'person', givenName: 'Nurlan', familyName: 'Abenov', nationality: 'KZ' });
    const c = call<{ id: string; fileNumber: string }>('cases.create', { title: 'Diverted GNSS receivers' });
    call('cases.addEntity', { caseId: c.id, entityId: org.id, role: 'consignee' });
    await page.evaluate((id) => {
      window.location.hash = `#/entities/${id}`;
    }, org.id);
    await expect(page.getByRole('heading', { name: 'Kazakh Trade Link LLP' })).toBeVisible();
    await expect(page.getByRole('link', { name: c.fileNumber, exact: true })).toHaveAttribute('href', `#/cases/${c.id}/subjects`);

    // Edit and save with Ctrl+S.
    await page.getByLabel('Registration number').fill('BIN 180440012345');
    await page.getByLabel('Registration number').press('Control+s');
    await expect(page.getByText('Unsaved changes')).toHaveCount(0);
    await expect(page.locator('.facts dd.num')).toHaveText('2');

    // Someone else changes it: saving the stale form is refused, and what was typed stays.
    call('entities.update', { id: org.id, kind: 'organization', aliases: ['KTL'] });
    await page.getByLabel('Notes').fill('Consignee on three bills of lading');
    await page.getByLabel('Notes').press('Control+s');
    await expect(page.getByRole('alert').filter({ hasText: 'This record was changed elsewhere' })).toBeVisible();
    await expect(page.getByLabel('Notes')).toHaveValue('Consignee on three bills of lading');
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByLabel('Aliases')).toHaveValue('KTL');

    // Link its owner, found by search, then unlink after confirming.
    await page.getByRole('button', { name: 'Add link' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Link', { exact: true }).selectOption('in:owns');
    await dialog.getByLabel(/^Other entity/).pressSequentially('Abenov');
    await page
      .getByRole('listbox')
      .getByRole('option', { name: /Nurlan Abenov/ })
      .click();
    await dialog.getByLabel('Share owned').fill('51');
    await dialog.getByRole('button', { name: 'Add link' }).click();
    await expect(dialog.getByText('Required', { exact: true })).toBeVisible();
    await dialog.getByRole('textbox', { name: /^Source/ }).fill('Corporate registry extract');
    await dialog.getByRole('button', { name: 'Add link' }).click();
    await expect(dialog).toBeHidden();
    const links = page.getByRole('table', { name: /Links/ });
    const owner = links.getByRole('row').filter({ hasText: 'Nurlan Abenov' });
    await expect(owner).toContainText('Owned by');
    await expect(owner).toContainText('51%');

    await owner.getByRole('button', { name: /Remove the link/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove link' }).click();
    await expect(page.getByText('No links yet')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Registration number')).toHaveValue('BIN 180440012345');
    await expect(page.getByText('No links yet')).toBeVisible();
  });
});
