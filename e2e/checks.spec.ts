import type { Page } from '@playwright/test';
import { test, expect, dossier, axeViolations } from './fixtures.ts';

/** A calendar date `days` from today (negative: in the past), as a date input takes it. */
function day(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A date as the English screens write it (Dec 3, 2026). */
function shown(iso: string): string {
  return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

async function noAxeViolations(page: Page, include?: string): Promise<void> {
  expect(await axeViolations(page, include)).toEqual([]);
}

test.describe('end-use checks, end to end', () => {
  test('request a post-shipment verification, record that the party was not found, open a case on it in one step', async ({
    shell,
  }) => {
    const { page } = shell;
    const kase = JSON.parse(
      dossier(['call', 'cases.create', '{"title":"FPGA boards exported to Armenia under permit"}'], shell.db).stdout,
    ) as { id: string; fileNumber: string };
    dossier(
      ['call', 'entities.create', '{"kind":"organization","legalName":"Ararat Microsystems LLC","country":"AM"}'],
      shell.db,
    );

    // --- Request the check, typed key by key ------------------------------------------------
    await go(page, `#/cases/${kase.id}/verifications`);
    await expect(page.getByText('No end-use checks in this case yet')).toBeVisible();
    await page.getByRole('button', { name: 'Request a check…' }).first().click();
    const request = page.getByRole('dialog', { name: 'Request an end-use check' });
    // The dialog opens on its first field.
    await expect(request.getByLabel('Type of check')).toBeFocused();
    await request.getByLabel('Type of check').selectOption('post_shipment');
    const party = request.getByLabel(/^Party \*/);
    await party.pressSequentially('Ararat');
    await expect(page.getByRole('option', { name: /Ararat Microsystems LLC/ })).toBeVisible();
    await party.press('ArrowDown');
    await party.press('Enter');
    // The party's country is the check's.
    await expect(request.getByLabel(/^Country/)).toHaveValue('AM');
    await request.getByLabel(/^Conducted by/).selectOption('embassy');
    await request.getByLabel('Officer, post or embassy').pressSequentially('Embassy of Canada in Yerevan');
    await request.getByLabel(/^Licence or permit number/).pressSequentially('EXP-2026-0417');
    await request.getByLabel(/^Requested/).fill(day(-10));
    // A scheduled date before the request is refused on its field, as it is typed.
    const scheduled = request.getByLabel(/^Scheduled/);
    await scheduled.fill(day(-12));
    await expect(request.getByText(`Must not be before the request (${shown(day(-10))})`)).toBeVisible();
    await expect(scheduled).toHaveAttribute('aria-invalid', 'true');
    await scheduled.fill(day(-5));
    await expect(request.getByText('Must not be before the request')).toHaveCount(0);

    // A goods line: once added, the focus is in it.
    await request.getByRole('button', { name: 'Add a goods line' }).click();
    const line = request.getByRole('group', { name: 'Line 1' });
    await expect(line.getByLabel(/^Description/)).toBeFocused();
    await page.keyboard.type('FPGA development boards');
    await line.getByLabel('Quantity').pressSequentially('40');
    await line.getByLabel('Unit').selectOption('piece');
    await line.getByLabel('ECCN').pressSequentially('3X001');
    await expect(line.getByText('The second character of an ECCN is its product group, a letter A-E')).toBeVisible();
    await line.getByLabel('ECCN').fill('');
    await line.getByLabel('ECCN').pressSequentially('3a001.a.7');
    await expect(line.getByText('The second character of an ECCN is its product group')).toHaveCount(0);
    await line.getByLabel('HS code').pressSequentially('8542.31');
    await noAxeViolations(page, '.bp6-dialog');
    // Ctrl+S saves a dialog.
    await line.getByLabel('HS code').press('Control+s');

    await expect(page.getByRole('heading', { name: 'Post-shipment verification of Ararat Microsystems LLC' })).toBeVisible();
    const checkNumber = (await page.locator('.record-number').textContent()) ?? '';
    expect(checkNumber).toMatch(/^\d{4}-EUC-\d{6}$/);
    await expect(page.locator('.record-title-row').getByText('Scheduled')).toBeVisible();
    const goods = page.getByRole('table', { name: 'Goods' });
    await expect(goods).toContainText('FPGA development boards');
    await expect(goods).toContainText('3A001');

    // --- The contract refuses a reschedule before the request, on its field ---------------------
    await page.getByRole('button', { name: 'Reschedule…' }).click();
    const reschedule = page.getByRole('dialog', { name: 'Reschedule the check' });
    const date = reschedule.getByLabel(/^Scheduled/);
    await expect(date).toBeFocused();
    await date.fill(day(-15));
    await reschedule.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect(reschedule.getByText(`Must not be before the request (${shown(day(-10))})`)).toBeVisible();
    await expect(date).toHaveAttribute('aria-invalid', 'true');
    await expect(date).toHaveValue(day(-15));
    await noAxeViolations(page, '.bp6-dialog');
    await page.keyboard.press('Escape');
    await expect(reschedule).toHaveCount(0);

    // --- Record the result: unable to verify, the party was not found ------------------------------
    await page.getByRole('button', { name: 'Record the result…' }).first().click();
    const result = page.getByRole('dialog', { name: 'Record the result' });
    await expect(result.getByLabel(/^Conducted on/)).toBeFocused();
    await result.getByLabel(/^Conducted on/).fill(day(-2));
    await result.getByLabel(/^Outcome/).selectOption('unable_to_verify');
    // The reason is required when the party could not be verified.
    await result.getByRole('button', { name: 'Record the result' }).click();
    await expect(result.getByText('Say why the party could not be verified')).toBeVisible();
    await result.getByLabel(/^Why the party could not be verified/).selectOption('party_not_found');
    await expect(result.getByText('Say why the party could not be verified')).toHaveCount(0);
    // Each point is a group of radio buttons: picked by its words, or with the arrow keys.
    const goodsPresent = result.getByRole('radiogroup', { name: 'The goods are present' });
    await goodsPresent.getByText('Not confirmed').click();
    await expect(goodsPresent.getByRole('radio', { name: 'Not confirmed' })).toBeChecked();
    const atPlace = result.getByRole('radiogroup', { name: 'They are at the declared place' });
    await atPlace.getByRole('radio', { name: 'Not checked' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(atPlace.getByRole('radio', { name: 'Not confirmed' })).toBeChecked();
    await result.getByLabel('Findings').pressSequentially('No company of that name at the declared address in Yerevan.');
    await noAxeViolations(page, '.bp6-dialog');
    await result.getByRole('button', { name: 'Record the result' }).click();
    await expect(result).toHaveCount(0);

    const title = page.locator('.record-title-row');
    await expect(title.getByText('Completed')).toBeVisible();
    await expect(title.getByText('Unable to verify')).toBeVisible();
    await expect(page.getByText('Party not found')).toBeVisible();
    const verified = page.getByRole('table', { name: 'What was verified' });
    await expect(verified.getByRole('row', { name: /The goods are present/ })).toContainText('Not confirmed');
    await expect(verified.getByRole('row', { name: /used by the declared end user/ })).toContainText('Not checked');
    // A completed check offers no status move, and takes no more goods.
    await expect(page.getByRole('button', { name: 'Reschedule…' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Cancel the check…' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add a goods line…' })).toHaveCount(0);
    // Its audit trail has the request, the refused reschedule left nothing, and the result.
    await expect(page.getByText('2 changes')).toBeVisible();
    await noAxeViolations(page);

    // --- Follow up: open a case with the party as a subject -----------------------------------------
    await page.getByRole('button', { name: 'Follow up…' }).click();
    const follow = page.getByRole('dialog', { name: 'Follow up the check' });
    const openCase = follow.getByRole('radio', { name: 'Open a case with the party as a subject' });
    await expect(openCase).toBeChecked();
    await expect(openCase).toBeFocused();
    await expect(follow.getByText(`Leave blank for “Ararat Microsystems LLC: end-use check ${checkNumber}”`)).toBeVisible();
    await noAxeViolations(page, '.bp6-dialog');
    await follow.getByRole('button', { name: 'Open the case' }).click();

    // Lands on the new case, the party a subject of it.
    await expect(page).toHaveURL(/#\/cases\/[^/]+\/subjects$/);
    await expect(page.getByRole('heading', { name: `Ararat Microsystems LLC: end-use check ${checkNumber}` })).toBeVisible();
    const subject = page.getByRole('grid', { name: 'Subjects' }).getByRole('row').filter({ hasText: 'Ararat Microsystems LLC' });
    await expect(subject).toContainText('Subject');
    const newCaseId = /#\/cases\/([^/]+)\//.exec(page.url())?.[1] ?? '';
    expect(newCaseId).not.toBe(kase.id);

    // Back on the check, the follow-up names the case it opened; a second case is not offered.
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Post-shipment verification of Ararat Microsystems LLC' })).toBeVisible();
    const opened = page.locator('.record-side').getByRole('link', { name: /^\d{4}-[A-Z]+-\d{6}$/ });
    await expect(opened).toHaveAttribute('href', `#/cases/${newCaseId}/subjects`);
    await page.getByRole('button', { name: 'Follow up…' }).click();
    await expect(follow.getByRole('radio', { name: 'Open a case with the party as a subject' })).toBeDisabled();
    // Mark it as a list candidate, with the reason.
    await follow.getByText('Mark the party as a list candidate').click();
    await follow
      .getByLabel(/^Why the party should be on a list/)
      .pressSequentially('End user not found at the declared address.');
    await follow.getByRole('button', { name: 'Mark as candidate' }).click();
    await expect(follow).toHaveCount(0);
    await expect(page.locator('.record-side')).toContainText('End user not found at the declared address.');

    // The list of every check shows it, filtered by its outcome.
    await go(page, '#/checks');
    await expect(page.getByText('1 check')).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(checkNumber) })).toContainText('Unable to verify');
    await noAxeViolations(page);

    // And in the dark theme, the list and the check page.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('.bp6-dark').first()).toBeAttached();
    await noAxeViolations(page);
    await page
      .getByRole('row', { name: new RegExp(checkNumber) })
      .getByText(checkNumber)
      .click();
    await expect(page.getByRole('heading', { name: 'Post-shipment verification of Ararat Microsystems LLC' })).toBeVisible();
    await noAxeViolations(page);
  });
});
