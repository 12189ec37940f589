/**
 * Screenshots of the browser shell, to look at what we build:
 *   tsx scripts/screenshot.ts <url> <out.png> [--locale fr] [--dark] [--hash '#/cases/..'] [--width 1440] [--height 900]
 */
import { chromium } from '@playwright/test';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    locale: { type: 'string', default: 'en-CA' },
    dark: { type: 'boolean', default: false },
    hash: { type: 'string' },
    width: { type: 'string', default: '1440' },
    height: { type: 'string', default: '900' },
    click: { type: 'string', multiple: true },
    press: { type: 'string', multiple: true },
    wait: { type: 'string', default: '800' },
  },
});
const [url, out] = positionals;
if (!url || !out) throw new Error('usage: screenshot.ts <url> <out.png>');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const page = await browser.newPage({
  locale: values.locale,
  colorScheme: values.dark ? 'dark' : 'light',
  viewport: { width: Number(values.width), height: Number(values.height) },
});
page.on('console', (m) => {
  if (m.type() === 'error') console.error('console:', m.text());
});
page.on('pageerror', (e) => console.error('pageerror:', e.message));
await page.goto(url);
if (values.hash)
  await page.evaluate((h) => {
    window.location.hash = h;
  }, values.hash);
await page.waitForTimeout(Number(values.wait));
for (const sel of values.click ?? []) {
  await page.click(sel);
  await page.waitForTimeout(400);
}
for (const key of values.press ?? []) {
  await page.keyboard.press(key);
  await page.waitForTimeout(400);
}
await page.screenshot({ path: out });
await browser.close();
