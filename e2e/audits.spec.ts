import type { Locator, Page } from '@playwright/test';
import { test, expect, dossier, axeViolations } from './fixtures.ts';

/** A calendar date `days` from today (negative: in the past), as a date input takes it. */
function day(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

async function noAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** Types into a field key by key, as a person does. */
async function type(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.pressSequentially(text);
}

test.describe('compliance audits, end to end', () => {
  test('notify an audit, record findings and a corrective action; the action is in the deadlines and opens the audit', async ({
    shell,
  }) => {
    const { page, db } = shell;
    const created = JSON.parse(
      dossier(['call', 'cases.create', '{"title":"Unlicensed exports of thermal cameras"}'], db).stdout,
    ) as {
      id: string;
      fileNumber: string;
    };
    const exporter = JSON.parse(
      dossier(['call', 'entities.create', '{"kind":"organization","legalName":"Ararat Microsystems LLC","country":"AM"}'], db)
        .stdout,
    ) as { id: string };
    dossier(['call', 'cases.addEntity', JSON.stringify({ caseId: created.id, entityId: exporter.id, role: 'exporter' })], db);

    // --- The list across cases says what to do; the dialog asks for the case there ----------
    await go(page, '#/audits');
    await expect(page.getByRole('heading', { name: 'Compliance audits', level: 1 })).toBeVisible();
    await expect(page.getByText('No compliance audits yet')).toBeVisible();
    // The empty list is axe-clean too: its empty state is a row of the grid.
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Notify an audit…' }).first().click();
    const notify = page.getByRole('dialog', { name: 'Notify an audit' });
    // The dialog opens on its first field, the case.
    await expect(notify.getByLabel('Case')).toBeFocused();
    await page.keyboard.type(created.fileNumber);
    await page.getByRole('option', { name: new RegExp(created.fileNumber) }).click();
    await type(notify.getByLabel('Audited party'), 'Ararat');
    await page.getByRole('option', { name: /Ararat Microsystems LLC/ }).click();
    await type(notify.getByLabel('Auditor'), 'CBSA Trade Compliance, Montréal');
    await notify.getByLabel('Period from').fill(day(-400));
    // The end of the period before its start: the contract refuses it, on that field.
    await notify.getByLabel('Period to').fill(day(-500));
    await notify.getByLabel('Notified on').fill(day(-10));
    // The report's default due date is shown: 90 days after the notice.
    await expect(notify.getByText(/Leave blank for .* \(90 days after the notice\)/)).toBeVisible();
    await type(notify.getByLabel('Scope'), 'Export permits for thermal cameras; classification; record keeping');
    expect(await axeViolations(page, '.bp6-dialog')).toEqual([]);
    await notify.getByRole('button', { name: 'Notify', exact: true }).click();
    const periodTo = notify.getByLabel('Period to');
    await expect(periodTo).toHaveAttribute('aria-invalid', 'true');
    await expect(notify.getByText(/^Must not be before the start of the period/)).toBeVisible();
    // What was typed stays.
    await expect(notify.getByLabel('Scope')).toHaveValue('Export permits for thermal cameras; classification; record keeping');
    await periodTo.fill(day(-40));
    await expect(notify.getByText(/^Must not be before the start of the period/)).toHaveCount(0);
    await page.keyboard.press('Control+s');

    await expect(page.getByRole('heading', { name: 'Audit of Ararat Microsystems LLC' })).toBeVisible();
    const auditNumber = (await page.locator('.record-number').textContent()) ?? '';
    expect(auditNumber).toMatch(/^\d{4}-CA-\d{6}$/);
    await expect(page.locator('.record-title-row').getByText('Notified')).toBeVisible();
    await expect(page.locator('.record-sub').getByRole('link', { name: created.fileNumber })).toBeVisible();
    await expect(page.locator('.record-sub').getByRole('link', { name: 'Ararat Microsystems LLC' })).toBeVisible();
    await expect(page.getByText('No findings yet')).toBeVisible();
    await noAxeViolations(page);

    // --- Two findings --------------------------------------------------------------------------
    const addFinding = async (severity: string, provision: string, description: string) => {
      await page.getByRole('button', { name: 'Add a finding…' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Add a finding' });
      await expect(dialog.getByLabel('Severity')).toBeFocused();
      await dialog.getByLabel('Severity').selectOption(severity);
      await type(dialog.getByLabel('Provision'), provision);
      await type(dialog.getByLabel('What was found'), description);
      await page.keyboard.press('Control+s');
      await expect(dialog).toHaveCount(0);
    };
    await page.getByRole('button', { name: 'Add a finding…' }).first().click();
    const findingDialog = page.getByRole('dialog', { name: 'Add a finding' });
    // A finding needs its description: said on the field before anything is sent.
    await findingDialog.getByRole('button', { name: 'Add the finding' }).click();
    await expect(findingDialog.getByLabel('What was found')).toHaveAttribute('aria-invalid', 'true');
    await noAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(findingDialog).toHaveCount(0);
    await addFinding('major', 'EIPA s. 13', 'Thermal cameras exported under an expired permit.');
    await addFinding('minor', 'EIPR s. 10', 'Export records kept for four years, not six.');
    const findings = page.getByRole('table', { name: 'Findings' });
    await expect(findings.getByRole('row')).toHaveCount(3); // header and two findings
    await expect(findings.getByRole('row').nth(1)).toContainText('Major');
    await expect(findings.getByRole('row').nth(2)).toContainText('Export records kept for four years');

    // --- A corrective action due in a few days ---------------------------------------------------
    await page.getByRole('button', { name: 'Add a corrective action…' }).first().click();
    const action = page.getByRole('dialog', { name: 'Add a corrective action' });
    await expect(action.getByRole('textbox', { name: 'Corrective action' })).toBeFocused();
    await page.keyboard.type('Renew the permits and check each shipment against them');
    await type(action.getByLabel('Owner'), 'Compliance officer');
    await action.getByLabel('Due').fill(day(5));
    await action
      .getByLabel('Finding it corrects')
      .selectOption({ label: '1. EIPA s. 13 · Thermal cameras exported under an expired permit.' });
    await noAxeViolations(page);
    await action.getByRole('button', { name: 'Add the action' }).click();
    await expect(action).toHaveCount(0);
    const actions = page.getByRole('table', { name: 'Corrective actions' });
    await expect(actions.getByRole('row')).toHaveCount(2);
    await expect(actions.getByRole('row').nth(1)).toContainText('Compliance officer');
    await expect(actions.getByRole('button', { name: /^Mark done: Compliance officer/ })).toBeVisible();
    await noAxeViolations(page);

    // --- The status moves offered are the allowed ones; their dialogs are accessible ------------
    const status = page.locator('.workflow-actions');
    await expect(status.getByRole('button')).toHaveText(['Visit on site…', 'Report…', 'Cancel the audit…']);
    await status.getByRole('button', { name: 'Visit on site…' }).click();
    const visit = page.getByRole('dialog', { name: 'Visit on site' });
    await expect(visit.getByLabel('Visited on site')).toBeFocused();
    await noAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(visit).toHaveCount(0);
    await status.getByRole('button', { name: 'Report…' }).click();
    const report = page.getByRole('dialog', { name: 'Report the audit' });
    await report.getByLabel('Outcome').selectOption('non_compliant');
    await report.getByLabel('Consequence').selectOption('penalty');
    await expect(report.getByLabel('Contravention code')).toBeVisible();
    await expect(report.getByRole('group', { name: 'The penalty issued to Ararat Microsystems LLC' })).toBeVisible();
    await noAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(report).toHaveCount(0);
    await status.getByRole('button', { name: 'Cancel the audit…' }).click();
    const cancel = page.getByRole('dialog', { name: 'Cancel the audit' });
    await expect(cancel.getByLabel('Reason')).toBeFocused();
    await noAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(cancel).toHaveCount(0);

    // --- The corrective action is in the deadlines, named by the audit and its owner, and opens it
    await go(page, '#/deadlines');
    const grid = page.getByRole('grid', { name: 'Deadlines' });
    const row = grid.locator('.dt-data-row').filter({ hasText: `Corrective action of audit ${auditNumber}` });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Compliance officer');
    await row.click();
    await expect(page.getByRole('heading', { name: 'Audit of Ararat Microsystems LLC' })).toBeVisible();
    await expect(page.locator('.record-number')).toHaveText(auditNumber);

    // --- And the list shows it with its counts ---------------------------------------------------
    await go(page, '#/audits');
    const list = page.getByRole('grid', { name: 'Compliance audits' });
    const line = list.locator('.dt-data-row').filter({ hasText: auditNumber });
    await expect(line).toContainText('Ararat Microsystems LLC');
    await expect(line).toContainText(created.fileNumber);
    await expect(line).toContainText('Notified');
    await noAxeViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await noAxeViolations(page);
  });

  test('a corrective action is marked done; a non-compliant report issues the penalty to the audited party, linked', async ({
    shell,
  }) => {
    const { page, db } = shell;
    const call = <T>(method: string, input: unknown): T =>
      JSON.parse(dossier(['call', method, JSON.stringify(input)], db).stdout) as T;
    const c = call<{ id: string }>('cases.create', { title: 'Records kept short at a camera exporter' });
    const party = call<{ id: string }>('entities.create', { kind: 'organization', legalName: 'Ararat Microsystems LLC' });
    const audit = call<{ id: string; auditNumber: string }>('complianceAudits.create', {
      caseId: c.id,
      partyId: party.id,
      periodFrom: day(-400),
      periodTo: day(-40),
      notifiedOn: day(-20),
    });
    call('complianceAudits.addAction', {
      auditId: audit.id,
      description: 'Keep export records six years',
      owner: 'Records manager',
      dueOn: day(-2),
    });

    await go(page, `#/audits/${audit.id}`);
    const actions = page.getByRole('table', { name: 'Corrective actions' });
    await expect(actions.getByText('Overdue')).toBeVisible();
    await actions.getByRole('button', { name: /^Mark done: Records manager/ }).click();
    const done = page.getByRole('dialog', { name: 'Mark a corrective action done' });
    await expect(done.getByLabel('Completed on')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(done).toHaveCount(0);
    await expect(actions.getByText('Overdue')).toHaveCount(0);
    await expect(actions.getByRole('button', { name: /^Mark done/ })).toHaveCount(0);

    await page.getByRole('button', { name: 'Report…' }).click();
    const report = page.getByRole('dialog', { name: 'Report the audit' });
    await report.getByLabel('Outcome').selectOption('non_compliant');
    await report.getByLabel('Consequence').selectOption('penalty');
    await type(report.getByLabel('Contravention code'), 'C151');
    await type(report.getByLabel('Amount'), '7 500,x');
    await expect(report.getByText('Not an amount in CAD, e.g. 1234.50')).toBeVisible();
    await report.getByLabel('Amount').fill('7,500.00');
    // A payment due before the assessment: the penalty's refusal stands under the penalty's field.
    await report.getByLabel('Assessed').fill(day(0));
    await report.getByLabel('Due', { exact: true }).fill(day(-1));
    await report.getByRole('button', { name: 'Report and issue the penalty' }).click();
    await expect(report.getByLabel('Due', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(report.getByLabel('Contravention code')).toHaveValue('C151');
    await report.getByLabel('Due', { exact: true }).fill('');
    await report.getByRole('button', { name: 'Report and issue the penalty' }).click();
    await expect(report).toHaveCount(0);

    const title = page.locator('.record-title-row');
    await expect(title.getByText('Reported')).toBeVisible();
    await expect(title.getByText('Non-compliant')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add a finding…' })).toHaveCount(0);
    const penaltyLink = page.locator('.record-sub').getByRole('link', { name: /^\d{4}-AMP-\d{6}$/ });
    await expect(penaltyLink).toBeVisible();
    await noAxeViolations(page);
    await penaltyLink.click();
    await expect(page.getByRole('heading', { name: 'Penalty to Ararat Microsystems LLC' })).toBeVisible();
    await expect(page.getByTestId('penalty-balance')).toHaveText(/CAD\s7,500\.00/);
  });
});
