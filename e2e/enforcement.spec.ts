import type { Page } from '@playwright/test';
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

/** Picks an entity in a search picker by typing part of its name. */
async function pick(page: Page, label: string, text: string, name: RegExp): Promise<void> {
  const input = page.getByRole('dialog').getByLabel(label);
  await input.click();
  await input.fill(text);
  await page.getByRole('option', { name }).click();
}

async function noAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

test.describe('detentions, penalties and deadlines, end to end', () => {
  test('detain a shipment with an information request, issue a penalty, take payments; the overview survives a restart', async ({
    shell,
  }) => {
    const { page } = shell;
    const created = JSON.parse(
      dossier(['call', 'cases.create', '{"title":"Diverted FPGAs to Russia via Armenia"}'], shell.db).stdout,
    ) as { id: string; fileNumber: string };
    const exporter = JSON.parse(
      dossier(
        ['call', 'entities.create', '{"kind":"organization","legalName":"Ararat Microsystems LLC","country":"AM"}'],
        shell.db,
      ).stdout,
    ) as { id: string };
    dossier(
      ['call', 'cases.addEntity', JSON.stringify({ caseId: created.id, entityId: exporter.id, role: 'exporter' })],
      shell.db,
    );

    // --- Detain the shipment -------------------------------------------------------------
    await go(page, `#/cases/${created.id}/detentions`);
    await expect(page.getByText('No detentions in this case yet')).toBeVisible();
    await page.getByRole('button', { name: 'Detain goods' }).first().click();
    const detain = page.getByRole('dialog', { name: 'Detain goods' });
    await detain.getByLabel('What is held').selectOption('shipment');
    await detain.getByLabel('Started').fill(`${day(-30)}T09:15`);
    await detain.getByLabel('Review due').fill(day(20));
    await detain.getByLabel('Port or place').fill('Port of Montréal, Racine terminal');
    await pick(page, 'Exporter', 'Ararat', /Ararat Microsystems LLC/);
    await detain.getByLabel('Destination').fill('RU');
    // An ECCN is validated as it is typed, with the reason.
    await detain.getByLabel('Declared ECCN').fill('3X001');
    await expect(detain.getByText('The second character of an ECCN is its product group, a letter A-E')).toBeVisible();
    await detain.getByLabel('Declared ECCN').fill('3a001');
    await expect(detain.getByText('The second character of an ECCN is its product group')).toHaveCount(0);
    await detain.getByLabel('Reason for the detention').fill('FPGAs declared as toys; destination under sanctions.');
    await detain.getByRole('button', { name: 'Detain', exact: true }).click();

    await expect(page.getByRole('heading', { name: 'Detention of a shipment' })).toBeVisible();
    const detentionNumber = (await page.locator('.record-number').textContent()) ?? '';
    expect(detentionNumber).toMatch(/^\d{4}-DT-\d{6}$/);
    await expect(page.getByLabel('Declared ECCN')).toHaveValue('3A001');

    // --- An information request, already past due ------------------------------------------
    await page.getByRole('button', { name: 'Request information' }).first().click();
    const request = page.getByRole('dialog', { name: 'Request information' });
    await request.getByLabel('What is asked for').selectOption('end_use_certificate');
    await request.getByLabel('Details').fill('Signed end-use certificate from the consignee in Yerevan.');
    await request.getByLabel('Requested').fill(day(-20));
    await request.getByLabel('Due').fill(day(-5));
    await request.getByRole('button', { name: 'Add the request' }).click();
    await expect(request).toHaveCount(0);
    const overdue = page.getByRole('alert').filter({ hasText: 'overdue' });
    await expect(overdue).toContainText('1 thing is overdue');
    await expect(overdue).toContainText('End-use certificate from the exporter was due');
    await expect(page.getByRole('table', { name: 'Information requested from the exporter' }).getByText('Overdue')).toBeVisible();
    await noAxeViolations(page);

    // --- Issue a penalty ---------------------------------------------------------------------
    await go(page, `#/cases/${created.id}/penalties`);
    await expect(page.getByText('No penalties in this case yet')).toBeVisible();
    await page.getByRole('button', { name: 'Issue penalty' }).first().click();
    const issue = page.getByRole('dialog', { name: 'Issue penalty' });
    await issue.getByLabel('Contravention code').fill('C151');
    await pick(page, 'Penalized entity', 'Ararat', /Ararat Microsystems LLC/);
    await issue.getByLabel('Amount').fill('12 500,x');
    await expect(issue.getByText('Not an amount in CAD, e.g. 1234.50')).toBeVisible();
    await issue.getByLabel('Amount').fill('12,500.00');
    await expect(issue.getByText(/Reads as CAD\s12,500\.00/)).toBeVisible();
    await issue.getByLabel('Level').selectOption('second');
    await issue.getByRole('button', { name: 'Issue', exact: true }).click();

    await expect(page.getByRole('heading', { name: 'Penalty to Ararat Microsystems LLC' })).toBeVisible();
    const noticeNumber = (await page.locator('.record-number').textContent()) ?? '';
    expect(noticeNumber).toMatch(/^\d{4}-AMP-\d{6}$/);
    const balance = page.getByTestId('penalty-balance');
    await expect(balance).toHaveText(/CAD\s12,500\.00/);

    // --- Two partial payments ------------------------------------------------------------------
    const pay = async (amount: string, method: string, reference: string) => {
      await page.getByRole('button', { name: 'Record payment' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Record payment' });
      await dialog.getByLabel('Amount').fill(amount);
      await dialog.getByLabel('Method').selectOption(method);
      await dialog.getByLabel('Reference').fill(reference);
      await dialog.getByRole('button', { name: 'Record', exact: true }).click();
      await expect(dialog).toHaveCount(0);
    };
    await pay('5,000.00', 'wire', 'WT-2026-0411');
    await expect(balance).toHaveText(/CAD\s7,500\.00/);
    await expect(page.locator('.record-title-row').getByText('Partly paid')).toBeVisible();
    await pay('2 500', 'cheque', 'CHQ 000187');
    await expect(balance).toHaveText(/CAD\s5,000\.00/);
    const payments = page.getByRole('table', { name: 'Payments' });
    await expect(payments.getByRole('row')).toHaveCount(4); // header, two payments, total
    await expect(payments).toContainText('Total of 2 payments');

    // --- An overpayment is refused, and says why ------------------------------------------------
    await page.getByRole('button', { name: 'Record payment' }).first().click();
    const over = page.getByRole('dialog', { name: 'Record payment' });
    await over.getByLabel('Amount').fill('5,000.01');
    await over.getByRole('button', { name: 'Record', exact: true }).click();
    await expect(over.getByText(/More than the balance, CAD\s5,000\.00: an overpayment is refused/)).toBeVisible();
    await expect(over.getByLabel('Amount')).toHaveValue('5,000.01');
    await page.keyboard.press('Escape');
    await expect(over).toHaveCount(0);
    await expect(balance).toHaveText(/CAD\s5,000\.00/);
    await noAxeViolations(page);

    // --- After a restart, the case overview adds it all up --------------------------------------
    await shell.restart();
    await go(shell.page, `#/cases/${created.id}/overview`);
    const summary = shell.page.locator('.case-side');
    const totals = summary.getByTestId('penalty-totals-CAD');
    await expect(totals).toContainText(/Amount\s*CAD\s12,500\.00/);
    await expect(totals).toContainText(/Paid\s*CAD\s7,500\.00/);
    await expect(totals).toContainText(/Balance\s*CAD\s5,000\.00/);
    await expect(summary.getByText('1 penalty')).toBeVisible();
    await expect(summary.getByText('1 detention')).toBeVisible();
    await expect(summary.getByText('1 held')).toBeVisible();
    await expect(summary.getByText('Exporter 1')).toBeVisible();
    const deadlines = summary.getByRole('list', { name: 'Next deadlines' });
    const first = deadlines.getByRole('listitem').first();
    await expect(first).toContainText(`End-use certificate from the exporter (detention ${detentionNumber})`);
    await expect(first).toContainText('5 days late');
    await expect(deadlines).toContainText(`Review of detention ${detentionNumber}`);
    await expect(deadlines).toContainText(`Payment of penalty ${noticeNumber}`);
    await noAxeViolations(shell.page);

    // The Deadlines page lists it across cases, overdue on top, and opens the detention.
    await go(shell.page, '#/deadlines');
    const grid = shell.page.getByRole('grid', { name: 'Deadlines' });
    const top = grid.locator('.dt-data-row').first();
    await expect(top).toContainText(`End-use certificate from the exporter (detention ${detentionNumber})`);
    await expect(top).toContainText('5 days late');
    await top.click();
    await expect(shell.page.getByRole('heading', { name: 'Detention of a shipment' })).toBeVisible();
    await expect(shell.page.locator('.record-number')).toHaveText(detentionNumber);
  });
});

test.describe('detention and penalty pages', () => {
  test('requests are received, goods referred and answered, the detention ended; a penalty moves only as allowed', async ({
    shell,
  }) => {
    const { page, db } = shell;
    const call = <T>(method: string, input: unknown): T =>
      JSON.parse(dossier(['call', method, JSON.stringify(input)], db).stdout) as T;
    const c = call<{ id: string }>('cases.create', { title: 'GNSS receivers declared as toys' });
    const org = call<{ id: string }>('entities.create', {
      kind: 'organization',
      legalName: 'Caspian Navigation Trading FZE',
      country: 'AE',
    });
    const started = new Date(Date.now() - 12 * 86_400_000).toISOString();
    const d = call<{ id: string; detentionNumber: string }>('detentions.create', {
      caseId: c.id,
      subject: 'goods',
      startedAt: started,
      exporterId: org.id,
      reviewDueOn: day(15),
      place: 'Port of Halifax',
    });
    call('detentions.addRequest', { detentionId: d.id, kind: 'specifications', requestedOn: day(-10), dueOn: day(-2) });
    const p = call<{ id: string }>('penalties.create', {
      caseId: c.id,
      contraventionCode: 'C348',
      entityId: org.id,
      amountMinor: 250_000,
      currency: 'CAD',
      level: 'first',
    });

    await go(page, `#/detentions/${d.id}`);
    await expect(page.getByRole('alert').filter({ hasText: 'overdue' })).toContainText(
      'Specifications from the exporter was due',
    );
    await page.getByRole('button', { name: 'Mark received' }).click();
    const received = page.getByRole('dialog', { name: 'Information received' });
    await received.getByRole('button', { name: 'Mark received' }).click();
    await expect(received).toHaveCount(0);
    await expect(
      page.getByRole('table', { name: 'Information requested from the exporter' }).getByText(/^Received /),
    ).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'overdue' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Refer for technical assessment' }).click();
    const refer = page.getByRole('dialog', { name: 'Refer for technical assessment' });
    await refer.getByLabel('Office').fill('Technology Assessment Unit, Ottawa');
    await refer.getByLabel('Referred on').fill(day(-8));
    await refer.getByRole('button', { name: 'Refer', exact: true }).click();
    await expect(page.getByText('Technology Assessment Unit, Ottawa', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Record the answer' }).click();
    await page.getByRole('dialog', { name: 'Record the answer' }).getByRole('button', { name: 'Record the answer' }).click();
    await expect(page.getByText('Awaited', { exact: true })).toHaveCount(0);

    await page.getByLabel('Outcome').selectOption('released');
    await page.getByRole('button', { name: 'End the detention' }).click();
    await expect(page.locator('.record-title-row').getByText('Released')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Request information' })).toBeDisabled();

    // A penalty offers only the moves its status allows.
    await go(page, `#/penalties/${p.id}`);
    const moves = page.locator('.workflow-actions').getByRole('button');
    await expect(moves).toHaveText(['Start a review', 'Reduce the amount', 'Cancel the penalty', 'Write off']);
    await page.getByRole('button', { name: 'Start a review' }).click();
    await page.getByRole('dialog', { name: 'Start a review' }).getByRole('button', { name: 'Start a review' }).click();
    await expect(page.locator('.record-title-row').getByText('Under review')).toBeVisible();
    await expect(moves).toHaveText(['End the review: issued', 'Reduce the amount', 'Cancel the penalty', 'Write off']);

    await page.getByRole('button', { name: 'Reduce the amount' }).click();
    const reduce = page.getByRole('dialog', { name: 'Reduce the amount' });
    await reduce.getByLabel('New amount').fill('1,750.00');
    await reduce.getByRole('button', { name: 'Reduce the amount' }).click();
    await expect(reduce.getByText('Required', { exact: true })).toBeVisible();
    await reduce.getByLabel('Reason').fill('First contravention; the exporter cooperated.');
    await reduce.getByRole('button', { name: 'Reduce the amount' }).click();
    await expect(reduce).toHaveCount(0);
    await expect(page.getByTestId('penalty-balance')).toHaveText(/CAD\s1,750\.00/);
    await expect(page.locator('.record-title-row').getByText('Reduced')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Correct the notice' })).toBeDisabled();
  });
});
