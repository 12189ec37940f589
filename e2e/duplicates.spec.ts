import { test, expect, dossier, axeViolations } from './fixtures.ts';

test.describe('possible duplicates, end to end', () => {
  test('find duplicates as a job, merge a pair by keyboard, see it on the merged record, and undo', async ({ shell }) => {
    const { page } = shell;
    const create = (input: Record<string, unknown>) =>
      (JSON.parse(dossier(['call', 'entities.create', JSON.stringify(input)], shell.db).stdout) as { id: string }).id;
    const survivor = create({ kind: 'organization', legalName: 'Société Lumière Trading SARL', country: 'FR' });
    const merged = create({ kind: 'organization', legalName: 'Societe Lumiere Trading', country: 'FR' });
    const director = create({ kind: 'person', givenName: 'Jean', familyName: 'Dupont' });
    dossier(
      ['call', 'entities.link', JSON.stringify({ fromId: director, toId: merged, type: 'director_of', source: 'Kbis 2026' })],
      shell.db,
    );

    await page.evaluate(() => {
      window.location.hash = '#/duplicates';
    });
    await expect(page.getByText('No search yet')).toBeVisible();
    await page.getByRole('button', { name: 'Find duplicates' }).first().click();
    const candidates = page.getByRole('grid', { name: 'Possible duplicates' });
    const row = candidates.getByRole('row', { name: /Société Lumière Trading SARL/ });
    await expect(row).toBeVisible();
    await expect(row.getByText('Same name')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    // Merge: the record with the link stays by default; the explanation names both.
    await row.getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('radio', { name: /Societe Lumiere Trading ·/ })).toBeChecked();
    await dialog.getByRole('radio', { name: /Societe Lumiere Trading ·/ }).focus();
    await page.keyboard.press('ArrowUp');
    await expect(dialog.getByRole('radio', { name: /Société Lumière Trading SARL/ })).toBeChecked();
    await dialog.getByLabel('Why they are one').pressSequentially('Same SIREN on both invoices');
    expect(await axeViolations(page, '.bp6-dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Merge', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(candidates.getByRole('row', { name: /Société Lumière Trading SARL/ })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Recent merges' })).toBeVisible();

    // The link followed the survivor; the merged record says where it went.
    const view = JSON.parse(dossier(['call', 'entities.get', JSON.stringify({ id: survivor })], shell.db).stdout) as {
      incoming: { other: { id: string } }[];
      entity: { aliases: string[] };
    };
    expect(view.incoming.map((l) => l.other.id)).toEqual([director]);
    expect(view.entity.aliases).toEqual(['Societe Lumiere Trading']);
    await page.evaluate((id) => {
      window.location.hash = `#/entities/${id}`;
    }, merged);
    const notice = page.getByRole('status').filter({ hasText: 'This record was merged into Société Lumière Trading SARL' });
    await expect(notice).toBeVisible();
    await notice.getByRole('button', { name: 'Undo the merge' }).click();
    await expect(notice).toBeHidden();
    const after = JSON.parse(dossier(['call', 'entities.get', JSON.stringify({ id: merged })], shell.db).stdout) as {
      incoming: { other: { id: string } }[];
      entity: { mergedInto: string | null };
    };
    expect(after.entity.mergedInto).toBeNull();
    expect(after.incoming.map((l) => l.other.id)).toEqual([director]);
    const check = dossier(['check'], shell.db);
    expect(check.status).toBe(0);
  });
});
