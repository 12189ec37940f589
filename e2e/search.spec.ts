import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { test, expect, dossier, axeViolations } from './fixtures.ts';

function call<T>(db: string, method: string, input: unknown): T {
  return JSON.parse(dossier(['call', method, JSON.stringify(input)], db).stdout) as T;
}

function pdfWith(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

test.describe('one search over every record', () => {
  test('a word inside an evidence PDF is found by typing, and the hit opens its case’s evidence', async ({ shell }) => {
    const { page } = shell;
    const c = call<{ id: string; fileNumber: string }>(shell.db, 'cases.create', { title: 'Gyroscopes to Iran via Armenia' });
    call(shell.db, 'entities.create', { kind: 'person', givenName: 'Дмитрий', familyName: 'Королёв', nationality: 'RU' });
    const file = path.join(shell.dataDir, 'bill-of-lading.pdf');
    fs.writeFileSync(file, await pdfWith('Bill of lading 7731: inertial measurement units, port of discharge Bandar Abbas'));
    // The CLI reads the file's text as a job once attached, as the app does.
    dossier(['attach', file, '--case', c.id, '--description', 'Bill of lading'], shell.db);

    await page.evaluate(() => {
      window.location.hash = '#/search';
    });
    await expect(page.getByText('Search every case and record')).toBeVisible();
    const box = page.getByRole('searchbox', { name: 'Search every record' });
    await box.pressSequentially('bandar abb');
    const evidence = page.getByRole('region', { name: /Evidence/ });
    const hit = evidence.getByRole('link', { name: /bill-of-lading\.pdf/ });
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark')).toHaveText(['Bandar', 'Abbas']);
    await expect(hit).toContainText(c.fileNumber);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('ArrowDown');
    await expect(hit).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/cases/${c.id}/evidence$`));

    // Nothing found says so; Cyrillic is found from Latin letters, through the palette.
    await page.evaluate(() => {
      window.location.hash = '#/search/zzqx';
    });
    await expect(page.getByText('Nothing found for “zzqx”')).toBeVisible();
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Search or run a command' }).pressSequentially('korolev');
    await expect(page.locator('.bp6-omnibar .palette-hit')).toHaveText(['Дмитрий Королёв']);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Дмитрий Королёв' })).toBeVisible();
  });
});
