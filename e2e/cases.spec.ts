import { test, expect, dossier, axeViolations } from './fixtures.ts';

test.describe('cases, end to end', () => {
  test('create a case, find it, and find it again after a restart', async ({ shell }) => {
    const { page } = shell;
    await expect(page.getByRole('heading', { name: 'Cases', exact: true })).toBeVisible();
    await expect(page.getByText('No cases yet')).toBeVisible();

    await page.getByRole('button', { name: 'New case' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog.getByText('Required', { exact: true })).toBeVisible();

    await dialog.getByLabel('Title').fill('Diverted FPGAs to Russia via Armenia');
    await expect(dialog.getByText('Required', { exact: true })).toHaveCount(0);
    await dialog.getByLabel('Priority').selectOption('high');
    await dialog.getByRole('button', { name: 'Create' }).click();

    await expect(page.getByRole('heading', { name: 'Diverted FPGAs to Russia via Armenia' })).toBeVisible();
    const fileNumber = (await page.locator('.case-file-number').textContent()) ?? '';
    expect(fileNumber).toMatch(/^\d{4}-EXP-\d{6}$/);
    await expect(page.getByRole('note', { name: /Security marking/ })).toHaveText('PROTECTED B');
    expect(page.url()).toMatch(/#\/cases\/[0-9a-f-]{36}\/overview$/);

    await page.getByRole('link', { name: 'All cases' }).click();
    await page.getByRole('searchbox', { name: 'Search cases' }).fill('FPGA');
    const grid = page.getByRole('grid', { name: 'Cases' });
    await expect(grid.getByRole('row').filter({ hasText: fileNumber })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('1 case');

    await shell.restart();
    await expect(shell.page.getByRole('grid', { name: 'Cases' }).getByRole('row').filter({ hasText: fileNumber })).toBeVisible();
    await shell.page.getByRole('grid', { name: 'Cases' }).getByRole('row').filter({ hasText: fileNumber }).click();
    await expect(shell.page.getByLabel('Title')).toHaveValue('Diverted FPGAs to Russia via Armenia');
    await expect(shell.page.getByLabel('Priority')).toHaveValue('high');
  });

  test('edit a case and move it through its workflow', async ({ shell }) => {
    const { page } = shell;
    const created = JSON.parse(dossier(['call', 'cases.create', '{"title":"Undeclared GNSS receivers"}'], shell.db).stdout) as {
      id: string;
    };
    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}/overview`;
    }, created.id);
    await expect(page.getByLabel('Title')).toHaveValue('Undeclared GNSS receivers');

    await page.getByLabel('Summary').fill('Receivers declared as toys at the port of Montréal.');
    await page.getByLabel('Title').fill('');
    await expect(page.getByText('Required', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
    await page.getByLabel('Title').fill('Undeclared GNSS receivers (toys)');
    await page.getByLabel('Title').press('Control+s');
    await expect(page.getByRole('heading', { name: 'Undeclared GNSS receivers (toys)' })).toBeVisible();

    await page.getByRole('button', { name: 'Send for review' }).click();
    await expect(page.locator('.case-title-row').getByText('Under review')).toBeVisible();
    await page.getByRole('button', { name: 'Refer for prosecution' }).click();
    await expect(page.locator('.case-title-row').getByText('Referred for prosecution')).toBeVisible();

    await page.reload();
    await expect(page.getByLabel('Summary')).toHaveValue('Receivers declared as toys at the port of Montréal.');
    await expect(page.locator('.case-title-row').getByText('Referred for prosecution')).toBeVisible();
  });

  test.describe('with a seeded caseload', () => {
    test.use({ seedCases: 400 });

    test('sort and filter run in SQL over every case', async ({ shell }) => {
      const { page } = shell;
      const grid = page.getByRole('grid', { name: 'Cases' });
      await expect(page.getByRole('status')).toHaveText('400 cases');

      const all = JSON.parse(
        dossier(['call', 'cases.list', '{"limit":500,"sort":{"column":"fileNumber","direction":"asc"}}'], shell.db).stdout,
      ) as { rows: { fileNumber: string }[] };
      // The header turns at once; the rows follow when the page arrives: wait for them, not a moment.
      const firstFileNumber = grid.locator('.dt-data-row').first().locator('.mono');
      await grid.getByRole('button', { name: 'File number' }).click();
      await expect(grid.getByRole('columnheader', { name: 'File number' })).toHaveAttribute('aria-sort', 'ascending');
      await expect(firstFileNumber).toHaveText(all.rows[0]?.fileNumber ?? '');
      await grid.getByRole('button', { name: 'File number' }).click();
      await expect(grid.getByRole('columnheader', { name: 'File number' })).toHaveAttribute('aria-sort', 'descending');
      await expect(firstFileNumber).toHaveText(all.rows[all.rows.length - 1]?.fileNumber ?? '');

      await grid.getByLabel('Filter Status').selectOption('closed');
      const closed = JSON.parse(dossier(['call', 'cases.list', '{"status":["closed"],"limit":1}'], shell.db).stdout) as {
        total: number;
      };
      await expect(page.getByRole('status')).toHaveText(`${closed.total} cases`);
      const statuses = await grid.locator('.dt-data-row .status-tag').allTextContents();
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set(['Closed']));

      // Deep in the list, rows arrive page by page as the viewport scrolls (virtualized).
      await grid.getByLabel('Filter Status').selectOption('');
      await expect(page.getByRole('status')).toHaveText('400 cases');
      await grid.focus();
      await page.keyboard.press('End');
      await expect(grid.locator('.dt-data-row.is-active').locator('.mono')).toHaveText(all.rows[0]?.fileNumber ?? '');
      expect(await grid.locator('.dt-data-row').count()).toBeLessThan(100);
      await page.keyboard.press('Enter');
      await expect(page.locator('.case-file-number')).toHaveText(all.rows[0]?.fileNumber ?? '');
    });

    test('command palette jumps to a case from the keyboard', async ({ shell }) => {
      const { page } = shell;
      const one = JSON.parse(dossier(['call', 'cases.list', '{"limit":1}'], shell.db).stdout) as {
        rows: { fileNumber: string; title: string }[];
      };
      const target = one.rows[0];
      if (!target) throw new Error('seed produced no case');
      await expect(page.getByRole('status')).toHaveText('400 cases');
      await page.keyboard.press('Control+k');
      await page.getByRole('textbox', { name: 'Search or run a command' }).fill(target.fileNumber);
      await expect(page.locator('.palette-case').filter({ hasText: target.fileNumber })).toBeVisible();
      // Results settle once the search has run: only the matching case is left.
      await expect(page.locator('.bp6-omnibar .palette-hit')).toHaveCount(1);
      await page.keyboard.press('Enter');
      await expect(page.locator('.case-file-number')).toHaveText(target.fileNumber);
    });

    test('pages pass axe-core accessibility checks', async ({ shell }) => {
      const { page } = shell;
      await expect(page.getByRole('status')).toHaveText('400 cases');
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('.dt-data-row').first().click();
      await expect(page.locator('.case-file-number')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  test.describe('at first start', () => {
    test.use({ profile: false });

    test('asks who the investigator is, and stamps new cases with that name', async ({ shell }) => {
      const { page } = shell;
      const dialog = page.getByRole('dialog', { name: 'Welcome to Dossier' });
      await expect(dialog).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: 'Start using Dossier' }).click();
      await expect(dialog.getByText('Required', { exact: true })).toBeVisible();
      await dialog.getByLabel('Name').fill('Marc Gagnon');
      await dialog.getByLabel('Badge number').fill('B-2231');
      await dialog.getByRole('button', { name: 'Start using Dossier' }).click();
      await expect(dialog).toBeHidden();
      await page.getByRole('button', { name: 'New case' }).first().click();
      await page.getByRole('dialog', { name: 'New case' }).getByLabel('Title').fill('Thermal cameras to Belarus');
      await page.getByRole('dialog', { name: 'New case' }).getByRole('button', { name: 'Create' }).click();
      await expect(page.locator('#case-leadInvestigator')).toHaveValue('Marc Gagnon');
    });
  });

  test('switches to French, and the choice survives a reload', async ({ shell }) => {
    const { page } = shell;
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('fr');
    await expect(page.getByRole('heading', { name: 'Paramètres' })).toBeVisible();
    await page.reload();
    await page.getByRole('link', { name: 'Dossiers' }).click();
    await expect(page.getByRole('heading', { name: 'Dossiers' })).toBeVisible();
    await expect(page.getByText('Aucun dossier pour l’instant').or(page.getByText("Aucun dossier pour l'instant"))).toBeVisible();
  });
});
