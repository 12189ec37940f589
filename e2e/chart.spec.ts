import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { Core } from 'cytoscape';
import { test, expect, dossier, axeViolations } from './fixtures.ts';

/** The chart's cytoscape instance, as cytoscape registers it on its container. */
type ChartElement = HTMLElement & { _cyreg: { cy: Core } };

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** Where a node is drawn, in page pixels, or null while it is not on the chart. */
function drawnAt(page: Page, name: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((label) => {
    const el = document.querySelector<ChartElement>('.chart-canvas');
    const node = el?._cyreg.cy.nodes().filter((n) => n.data('label') === label && n.visible())[0];
    if (!el || !node) return null;
    const box = el.getBoundingClientRect();
    const p = node.renderedPosition();
    return { x: Math.round(box.left + p.x), y: Math.round(box.top + p.y) };
  }, name);
}

/**
 * A node's position once the layout has stopped (the chart marks its canvas data-layout="idle" on
 * cytoscape's layoutstop) and the node is drawn: no guess from two equal reads, which a stalled
 * frame on a loaded machine can fake.
 */
async function settled(page: Page, name: string): Promise<{ x: number; y: number }> {
  await expect(page.locator('.chart-canvas[data-layout="idle"]')).toHaveCount(1);
  await expect.poll(() => drawnAt(page, name)).not.toBeNull();
  const at = await drawnAt(page, name);
  if (!at) throw new Error(`${name} is not drawn`);
  return at;
}

/** The names of every node the chart draws. */
function chartNames(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (document.querySelector<ChartElement>('.chart-canvas')?._cyreg.cy.nodes(':visible') ?? []).map((n) =>
      String(n.data('label')),
    ),
  );
}

test.describe('the link chart, end to end', () => {
  test('open a case chart, expand by double-click, draw a link, see it on the record, export PNG and SVG', async ({ shell }) => {
    const { page } = shell;
    const call = <T = { id: string; name: string }>(method: string, input: unknown) =>
      JSON.parse(dossier(['call', method, JSON.stringify(input)], shell.db).stdout) as T;
    const c = call<{ id: string; fileNumber: string }>('cases.create', { title: 'GNSS receivers via Armenia' });
    const front = call('entities.create', { kind: 'organization', legalName: 'Ararat Logistics LLC', country: 'AM' });
    const director = call('entities.create', { kind: 'person', givenName: 'Arsen', familyName: 'Petrosyan' });
    const office = call('entities.create', { kind: 'address', lines: ['12 Tigran Mets Ave'], city: 'Yerevan', country: 'AM' });
    const neighbour = call('entities.create', { kind: 'organization', legalName: 'Yerevan Trading CJSC', country: 'AM' });
    const holding = call('entities.create', { kind: 'organization', legalName: 'Sevan Holdings Ltd', country: 'CY' });
    call('cases.addEntity', { caseId: c.id, entityId: front.id, role: 'subject' });
    call('cases.addEntity', { caseId: c.id, entityId: director.id, role: 'suspect' });
    const link = (type: string, fromId: string, toId: string, extra: object = {}) =>
      call('entities.link', { type, fromId, toId, source: 'Corporate registry extract', ...extra });
    link('director_of', director.id, front.id);
    link('located_at', front.id, office.id);
    link('located_at', neighbour.id, office.id, { confidence: 'probable' });
    link('owns', holding.id, neighbour.id, { shareBp: 5100, validTo: '2024-12-31' });

    // One link away from the case's own entities: the office, not yet who else is there.
    await go(page, `#/cases/${c.id}/links`);
    const tools = page.getByRole('toolbar', { name: 'Chart tools' });
    const status = tools.getByRole('status');
    await expect(status).toHaveText('3 entities · 2 links');
    expect(office.name).toMatch(/^12 Tigran Mets Ave/);
    await settled(page, office.name);
    expect(await axeViolations(page)).toEqual([]);

    // Double-click the office: who else is located there joins the chart, around it.
    const at = await settled(page, office.name);
    await page.mouse.dblclick(at.x, at.y);
    await expect(status).toHaveText('4 entities · 3 links');
    await settled(page, 'Yerevan Trading CJSC');
    // ...and once more: collapse, then expand again.
    await page.mouse.dblclick(at.x, at.y);
    await expect(status).toHaveText('3 entities · 2 links');
    await page.mouse.dblclick(at.x, at.y);
    await expect(status).toHaveText('4 entities · 3 links');

    // Draw a link: select the director, drag his link handle onto the neighbour.
    const from = await settled(page, 'Arsen Petrosyan');
    await page.mouse.click(from.x, from.y);
    const selection = page.getByRole('region', { name: 'Selection' });
    await expect(selection.getByRole('link', { name: 'Arsen Petrosyan' })).toBeVisible();
    const handle = page.getByRole('button', { name: 'Draw a link from Arsen Petrosyan' });
    const box = await handle.boundingBox();
    if (!box) throw new Error('no link handle');
    const to = await settled(page, 'Yerevan Trading CJSC');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move((box.x + to.x) / 2, (box.y + to.y) / 2, { steps: 5 });
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel(/^Other entity/)).toHaveValue('Yerevan Trading CJSC');
    await dialog.getByLabel('Link', { exact: true }).selectOption('out:director_of');
    await dialog.getByRole('textbox', { name: /^Source/ }).fill('Registry extract 2026-118');
    await dialog.getByRole('button', { name: 'Add link' }).click();
    await expect(dialog).toBeHidden();
    await expect(status).toHaveText('4 entities · 4 links');

    // Export as PNG: a real PNG with a size.
    const pngDownload = page.waitForEvent('download');
    await tools.getByRole('button', { name: 'Export chart' }).click();
    await page.getByRole('menuitem', { name: 'Image (PNG)' }).click();
    const png = fs.readFileSync(await (await pngDownload).path());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBeGreaterThan(0);
    expect(png.readUInt32BE(20)).toBeGreaterThan(0);
    expect((await pngDownload).suggestedFilename()).toMatch(new RegExp(`^chart-${c.fileNumber}-\\d{4}-\\d{2}-\\d{2}\\.png$`));

    // Export as SVG: it parses, and names every node of the chart.
    const svgDownload = page.waitForEvent('download');
    await tools.getByRole('button', { name: 'Export chart' }).click();
    await page.getByRole('menuitem', { name: 'Drawing (SVG)' }).click();
    const svg = fs.readFileSync(await (await svgDownload).path(), 'utf8');
    const texts = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      if (doc.querySelector('parsererror') || doc.documentElement.nodeName !== 'svg') return null;
      return [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '');
    }, svg);
    const names = await chartNames(page);
    expect(names.sort()).toEqual([office.name, 'Ararat Logistics LLC', 'Arsen Petrosyan', 'Yerevan Trading CJSC'].sort());
    for (const name of names) expect(texts).toContain(name);
    expect(texts).toContain('director of');

    // The same graph as tables, each row opening its record.
    await page.getByRole('radio', { name: 'Table' }).click();
    const entities = page.getByRole('grid', { name: 'Entities of the chart' });
    await expect(entities.getByRole('row').filter({ hasText: 'Yerevan Trading CJSC' })).toContainText('Organization');
    const links = page.getByRole('grid', { name: 'Links of the chart' });
    await expect(links.getByRole('row').filter({ hasText: 'Registry extract 2026-118' })).toContainText('Director of');
    expect(await axeViolations(page)).toEqual([]);

    // The new link is on the neighbour's own record.
    await entities.getByRole('row').filter({ hasText: 'Yerevan Trading CJSC' }).click();
    await expect(page.getByRole('heading', { name: 'Yerevan Trading CJSC' })).toBeVisible();
    const row = page.getByRole('table', { name: /Links/ }).getByRole('row').filter({ hasText: 'Arsen Petrosyan' });
    await expect(row).toContainText('Has director');
    await expect(row).toContainText('Registry extract 2026-118');
  });

  test('by keyboard: Tab to the chart, arrows select, E expands, Enter opens; an entity chart from its record', async ({
    shell,
  }) => {
    const { page } = shell;
    const call = <T = { id: string }>(method: string, input: unknown) =>
      JSON.parse(dossier(['call', method, JSON.stringify(input)], shell.db).stdout) as T;
    const org = call('entities.create', { kind: 'organization', legalName: 'Kazakh Trade Link LLP', country: 'KZ' });
    const owner = call('entities.create', { kind: 'person', givenName: 'Nurlan', familyName: 'Abenov' });
    const vessel = call('entities.create', { kind: 'conveyance', subtype: 'vessel', vesselName: 'Caspian Star' });
    call('entities.link', { type: 'owns', fromId: owner.id, toId: org.id, shareBp: 10000, source: 'Registry' });
    call('entities.link', {
      type: 'associated',
      fromId: vessel.id,
      toId: owner.id,
      source: 'Port call records',
      confidence: 'possible',
    });

    await go(page, `#/entities/${org.id}`);
    await page.getByRole('button', { name: 'Open in chart' }).click();
    await expect(page.getByRole('heading', { name: 'Link chart: Kazakh Trade Link LLP' })).toBeVisible();
    const status = page.getByRole('toolbar', { name: 'Chart tools' }).getByRole('status');
    await expect(status).toHaveText('3 entities · 2 links');
    await page.getByLabel('Depth').selectOption('1');
    await expect(status).toHaveText('2 entities · 1 link');
    await settled(page, 'Nurlan Abenov');

    const canvas = page.getByRole('application', { name: /^Link chart/ });
    await canvas.focus();
    await expect(canvas).toBeFocused();
    const selection = page.getByRole('region', { name: 'Selection' });
    // The first arrow selects the starting point; the next one the nearest entity that way.
    await page.keyboard.press('ArrowRight');
    await expect(selection.getByRole('link', { name: 'Kazakh Trade Link LLP' })).toBeVisible();
    const [a, b] = [await settled(page, 'Kazakh Trade Link LLP'), await settled(page, 'Nurlan Abenov')];
    const [dx, dy] = [b.x - a.x, b.y - a.y];
    await page.keyboard.press(
      Math.abs(dx) >= Math.abs(dy) ? (dx > 0 ? 'ArrowRight' : 'ArrowLeft') : dy > 0 ? 'ArrowDown' : 'ArrowUp',
    );
    await expect(selection.getByRole('link', { name: 'Nurlan Abenov' })).toBeVisible();
    await page.keyboard.press('e');
    await expect(status).toHaveText('3 entities · 2 links');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Nurlan Abenov' })).toBeVisible();
  });

  test('a case with no entities says what to do next', async ({ shell }) => {
    const { page } = shell;
    const c = JSON.parse(dossier(['call', 'cases.create', '{"title":"Anonymous tip"}'], shell.db).stdout) as { id: string };
    await go(page, `#/cases/${c.id}/links`);
    await expect(page.getByText('No entities in this case yet')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Go to Subjects' }).click();
    await expect(page).toHaveURL(new RegExp(`#/cases/${c.id}/subjects$`));
  });
});
