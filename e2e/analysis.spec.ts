import fs from 'node:fs';
import { test, expect, dossier, axeViolations } from './fixtures.ts';
import type { CaseTimeline, SeizureListRow, TimelineEvent } from '../db/api.ts';
import { MARKING_PRINTED, type SecurityMarking } from '../db/shared/domain.ts';

const call = <T>(db: string, method: string, input: unknown): T =>
  JSON.parse(dossier(['call', method, JSON.stringify(input)], db).stdout) as T;

const pad = (n: number) => String(n).padStart(2, '0');
/** The wall time of an instant in this run's time zone (the browser's, see playwright.config.ts). */
const wallTime = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

test.describe('the case timeline', () => {
  test.use({ seedCases: 30 });

  test('filter a type, zoom with the keyboard, open an event, export the CSV', async ({ shell }) => {
    const { page } = shell;
    // A seizure whose items moved at least twice: its case's custody lane has events to move between.
    const custodyOf = (t: CaseTimeline) => t.events.filter((e) => e.lane === 'custody');
    const found = call<{ rows: SeizureListRow[] }>(shell.db, 'seizures.list', { limit: 20 })
      .rows.map((s) => ({ s, t: call<CaseTimeline>(shell.db, 'cases.timeline', { caseId: s.caseId }) }))
      .find(({ t }) => custodyOf(t).length >= 2);
    if (!found) throw new Error('the seed made no seizure with two custody movements');
    const { s: seizure, t: timeline } = found;
    const movements = custodyOf(timeline).length;
    const seizures = timeline.events.filter((e) => e.lane === 'seizure').length;
    const total = timeline.events.length;
    const seized = timeline.events.find((e) => e.kind === 'seizure.seized' && e.record.id === seizure.id) as TimelineEvent;

    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}/timeline`;
    }, seizure.caseId);
    const chart = page.getByRole('group', { name: "Timeline of the case's events" });
    await expect(chart).toBeVisible();
    const count = page.getByRole('status').filter({ hasText: / events?$/ });
    await expect(count).toHaveText(`${total} events`);
    expect(await axeViolations(page, '.tl-tab')).toEqual([]);

    // Unticking a type takes its lane off the chart and its rows off the table; ticking brings them back.
    const filter = page.getByRole('checkbox', { name: `Seizures (${seizures})` });
    // Blueprint draws its own box over the input: the label is what one clicks.
    const filterLabel = page.locator('label').filter({ hasText: `Seizures (${seizures})` });
    await filterLabel.click();
    await expect(filter).not.toBeChecked();
    await expect(chart.getByRole('group', { name: `Seizures (${seizures})` })).toHaveCount(0);
    await expect(count).toHaveText(`${total - seizures} events`);
    await filterLabel.click();
    await expect(filter).toBeChecked();
    await expect(chart.getByRole('group', { name: `Seizures (${seizures})` })).toBeVisible();
    await expect(count).toHaveText(`${total} events`);

    // Zoom in with +, back to the whole case with 0.
    const range = page.getByText(/^From .* to .*$/);
    const whole = await range.textContent();
    await chart.focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect(range).not.toHaveText(whole ?? '');
    await page.keyboard.press('0');
    await expect(range).toHaveText(whole ?? '');

    // The arrows move from event to event within a lane, and up to the lane above.
    const custody = chart.getByRole('group', { name: `Custody (${movements})` });
    const firstMove = custody.getByRole('button').first();
    await firstMove.focus();
    await page.keyboard.press('ArrowRight');
    await expect(firstMove).not.toBeFocused();
    await expect(custody.locator('button:focus')).toHaveCount(1);
    await page.keyboard.press('ArrowLeft');
    await expect(firstMove).toBeFocused();
    await page.keyboard.press('ArrowUp');
    const lane = chart.getByRole('group', { name: `Seizures (${seizures})` });
    await expect(lane.locator('button:focus')).toHaveCount(1);
    const seizedButton = lane.getByRole('button', { name: new RegExp(`^Seizure ${seizure.seizureNumber} at `) });
    await seizedButton.focus();
    await expect(page.getByText(`Seizure ${seizure.seizureNumber} at ${seizure.place}`).first()).toBeVisible();

    // Enter opens the event's record.
    await page.keyboard.press('Enter');
    // (the seizure page then names its first item in the URL)
    await expect(page).toHaveURL(new RegExp(`#/seizures/${seizure.id}(/items/[\\w-]+)?$`));
    await expect(page.getByRole('heading', { name: new RegExp(seizure.seizureNumber) })).toBeVisible();
    await page.goBack();
    await expect(chart).toBeVisible();

    // The CSV holds the events shown, in local time and UTC, for a spreadsheet.
    const c = call<{ securityMarking: SecurityMarking }>(shell.db, 'cases.get', { id: seizure.caseId });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^timeline-\d{4}-EXP-\d{6}-\d{8}T\d{6}Z\.csv$/);
    const csv = fs.readFileSync(await file.path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(MARKING_PRINTED[c.securityMarking]);
    expect(lines[1]).toBe('Local time (America/Toronto),UTC,Precision,Type,Event,Record type,Record id');
    expect(lines.filter(Boolean)).toHaveLength(total + 2);
    const row = lines.find((l) => l.includes(seizure.id) && l.includes('Seizure '));
    expect(row).toBe(
      [
        wallTime(seized.at),
        seized.at.replace(/\.\d+Z$/, 'Z'),
        'date and time',
        'Seizures',
        `Seizure ${seizure.seizureNumber} at ${seizure.place}`,
        'Seizure',
        seizure.id,
      ]
        .map((v) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v))
        .join(','),
    );

    // With a type unticked, the export leaves it out too.
    await filterLabel.click();
    await expect(filter).not.toBeChecked();
    const second = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const filtered = fs.readFileSync(await (await second).path(), 'utf8');
    expect(filtered.split('\r\n').filter(Boolean)).toHaveLength(total - seizures + 2);
    expect(filtered).not.toContain(`Seizure ${seizure.seizureNumber} at`);
  });
});

test.describe('where else', () => {
  test('see the cases tied to a case, open one from its row and an entity from its chip', async ({ shell }) => {
    const { page } = shell;
    const db = shell.db;
    const front = call<{ id: string }>(db, 'entities.create', {
      kind: 'organization',
      legalName: 'Ararat Trade LLC',
      country: 'AM',
    });
    const director = call<{ id: string }>(db, 'entities.create', { kind: 'person', givenName: 'Arman', familyName: 'Petrosyan' });
    call(db, 'entities.link', { type: 'director_of', fromId: director.id, toId: front.id, source: 'Registry extract' });
    const newCase = (title: string, openedOn: string) =>
      call<{ id: string; fileNumber: string }>(db, 'cases.create', { title, openedOn });
    const a = newCase('Diverted FPGAs via Armenia', '2026-01-10');
    const b = newCase('GNSS receivers via Armenia', '2025-06-01');
    const c = newCase('Gyroscopes, the director again', '2025-03-01');
    const lonely = newCase('Undeclared lathes', '2025-02-01');
    call(db, 'cases.addEntity', { caseId: a.id, entityId: front.id, role: 'consignee' });
    call(db, 'cases.addEntity', { caseId: b.id, entityId: front.id, role: 'end_user' });
    call(db, 'cases.addEntity', { caseId: c.id, entityId: director.id, role: 'suspect' });

    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}/overview`;
    }, a.id);
    const grid = page.getByRole('grid', { name: 'Where else' });
    const rows = grid.getByRole('row').filter({ hasText: /-EXP-/ });
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText(b.fileNumber);
    await expect(rows.nth(0)).toContainText('5');
    await expect(rows.nth(1)).toContainText(c.fileNumber);
    await expect(rows.nth(1)).toContainText('Arman Petrosyan · director of');
    expect(await axeViolations(page, '.we-panel')).toEqual([]);

    // A chip opens the entity of the other case.
    await rows
      .nth(1)
      .getByRole('link', { name: /^Arman Petrosyan \(suspect there\): director of Ararat Trade LLC\. Weight 2\.$/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`#/entities/${director.id}$`));
    await expect(page.getByRole('heading', { name: 'Arman Petrosyan' })).toBeVisible();
    // The entity's own where else: its case, and the cases of the company it directs.
    const entityRows = page.getByRole('grid', { name: 'Where else' }).getByRole('row').filter({ hasText: /-EXP-/ });
    await expect(entityRows).toHaveCount(3);
    await expect(entityRows.nth(0)).toContainText(c.fileNumber);
    await page.goBack();

    // The keyboard opens the strongest tied case: the grid, then Enter on its first row.
    await grid.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/cases/${b.id}/overview$`));
    await expect(page.getByRole('heading', { name: 'GNSS receivers via Armenia' })).toBeVisible();
    await expect(page.getByRole('grid', { name: 'Where else' }).getByRole('row').filter({ hasText: a.fileNumber })).toBeVisible();

    // A case that shares nothing says what to do next.
    await page.evaluate((id) => {
      window.location.hash = `#/cases/${id}/overview`;
    }, lonely.id);
    await expect(page.getByText('No other case shares an entity, identifier or link with this one')).toBeVisible();
  });
});
