/**
 * The HTML report's layout in Chromium at 1400 px and 390 px: no element overflows its card
 * (wide tables scroll inside the card with their first column in view), the heatmap has a
 * column for every one of 53 tasks, reference agents never take a headline and are marked,
 * long record ids wrap in the trajectory viewer, the arrow keys step without scrolling the
 * page, and nothing published carries a local path. Screenshots of every tab at both widths
 * are saved (kept after the run) and their paths printed in the test output.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';
import { LONG_RECORD_ID, writeSyntheticStore } from '../reports/synthetic.ts';

const CHROMIUM = '/usr/bin/chromium';
const WIDTHS = [1400, 390] as const;
const TABS = ['overview', 'compare', 'breakdowns', 'trajectories'] as const;
const TASKS = 53;
const dir = tempDir('deskbench-layout-');
const site = join(dir, 'site');
// Kept after the run, so the screenshots can be looked at (and attached to a CI job).
const shots = mkdtempSync(join(tmpdir(), 'deskbench-report-screenshots-'));
let ctx: BrowserContext;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium)`);
  const db = join(dir, 'runs.db');
  writeSyntheticStore(db, {
    entries: [
      { model: 'oracle', harness: 'reference', skills: true, meta: true, ability: 6, unsafeRate: 0 },
      { model: 'noop', harness: 'reference', skills: true, meta: true, ability: -6, unsafeRate: 0 },
      { model: 'gpt-5-mini-2025-08-07-with-a-long-snapshot-name', harness: 'deskbench+mail', skills: true, meta: true, ability: 1.5, unsafeRate: 0.1 },
      { model: 'claude-sonnet-4-6', harness: 'deskbench+mail', skills: false, meta: true, ability: 1.2, unsafeRate: 0.05 },
      { model: 'qwen3-235b-a22b-instruct-2507', harness: 'deskbench', skills: true, meta: false, ability: 0.2, unsafeRate: 0.3, costUsd: null },
    ],
    tasks: TASKS, repeats: 2, seed: 7, rich: true, longIds: true,
  });
  const res = cli(['report', '--db', db, '--html', site, '--json', '--out', join(dir, 'report.json'), '--resamples', '300']);
  expect(res.code, res.stderr).toBe(0);
  const profile = mkdtempSync(join(tmpdir(), 'deskbench-chromium-'));
  afterAll(() => rmSync(profile, { recursive: true, force: true }));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
}, 180_000);

afterAll(async () => {
  await ctx?.close();
});

/** Opens a tab of the site at a width (and for the trajectories tab, a trial with a long record id at its write). */
async function open(width: number, tab: (typeof TABS)[number]): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${pathToFileURL(join(site, 'index.html')).href}#${tab}`);
  await page.reload();
  await page.locator('#leaderboard tbody tr').first().waitFor({ state: 'attached' });
  if (tab === 'trajectories') {
    await page.locator('#tv-list button').first().click();
    await page.locator('#tv-step').waitFor();
    for (let i = 0; i < 12 && !(await page.locator('#tv-step').textContent())?.includes(LONG_RECORD_ID.slice(0, 40)); i++) await page.click('#tv-next');
  }
}

/**
 * Elements that stick out of their card, by DOM geometry. An element inside a scroll
 * container (overflow-x auto/scroll) within the card is judged by that container: its
 * content is reached by scrolling, the container itself must fit.
 */
function overflowing(): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const cards = [...document.querySelectorAll('section.card, .stat')].filter((c) => (c as HTMLElement).offsetParent !== null);
    for (const card of cards) {
      const box = card.getBoundingClientRect();
      if (box.right > window.innerWidth + 0.5 || box.left < -0.5) out.push(`${card.className} itself ${box.left}..${box.right} > viewport ${window.innerWidth}`);
      for (const el of card.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        let judge: Element = el;
        for (let p = el.parentElement; p && p !== card; p = p.parentElement) {
          const ov = getComputedStyle(p).overflowX;
          if (ov === 'auto' || ov === 'scroll') judge = p;
        }
        const j = judge.getBoundingClientRect();
        if (j.right > box.right + 0.5 || j.left < box.left - 0.5) {
          out.push(`<${judge.tagName.toLowerCase()} class="${judge.getAttribute('class') ?? ''}"> ${Math.round(j.left)}..${Math.round(j.right)} outside ${card.className} ${Math.round(box.left)}..${Math.round(box.right)}`);
        }
      }
    }
    return [...new Set(out)].slice(0, 10);
  });
}

describe('HTML report layout in Chromium', () => {
  for (const width of WIDTHS) {
    it(`at ${width} px no element overflows its card on any tab, and the page never scrolls sideways`, async (test) => {
      for (const tab of TABS) {
        await open(width, tab);
        expect(await overflowing(), `${tab} at ${width} px`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${tab} at ${width} px`).toBeLessThanOrEqual(width);
        const path = join(shots, `report-${tab}-${width}px.png`);
        await page.screenshot({ path, fullPage: true });
        console.log(`screenshot: ${path}`);
        await test.annotate(`screenshot ${tab} at ${width} px: ${path}`);
      }
      expect(readdirSync(shots).filter((f) => f.endsWith(`-${width}px.png`))).toHaveLength(TABS.length);
      expect(errors).toEqual([]);
    }, 120_000);
  }

  it('keeps the leaderboard first column in view and every column reachable by scrolling inside the card', async () => {
    await open(390, 'overview');
    const scroller = page.locator('#leaderboard').locator('xpath=..');
    const geometry = await scroller.evaluate((s) => ({ client: s.clientWidth, scroll: s.scrollWidth, overflowX: getComputedStyle(s).overflowX }));
    expect(geometry.overflowX).toBe('auto');
    expect(geometry.scroll).toBeGreaterThan(geometry.client);
    await scroller.evaluate((s) => { s.scrollLeft = s.scrollWidth; });
    const last = await page.locator('#leaderboard thead th').last().boundingBox();
    const cardBox = await page.locator('section.card').first().boundingBox();
    // Scrolled to the end, the last column is inside the card; the sticky entry column has not moved.
    expect(last!.x + last!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width + 0.5);
    const first = await page.locator('#leaderboard tbody th.entry').first().boundingBox();
    expect(first!.x).toBeGreaterThanOrEqual(cardBox!.x);
    expect(first!.x).toBeLessThan(cardBox!.x + 40);
  });

  it('the heatmap has a readable column for every task', async () => {
    await open(1400, 'breakdowns');
    const heads = page.locator('table.heatmap thead th.rot');
    expect(await heads.count()).toBe(TASKS);
    const labels = await heads.evaluateAll((ths) => ths.map((th) => {
      const span = th.querySelector('span')!;
      const s = span.getBoundingClientRect();
      const t = th.getBoundingClientRect();
      return { text: span.textContent, fits: s.top >= t.top - 0.5 && s.bottom <= t.bottom + 0.5, font: parseFloat(getComputedStyle(span).fontSize) };
    }));
    expect(labels.map((l) => l.text)).toEqual(Array.from({ length: TASKS }, (_, i) => `task-${String(i).padStart(3, '0')}`));
    expect(labels.every((l) => l.fits && l.font >= 11)).toBe(true);
    expect(await page.locator('table.heatmap tbody tr').first().locator('td.hm').count()).toBe(TASKS);
  });

  it('reference agents never take a headline and are marked in the tables', async () => {
    await open(1400, 'overview');
    const stats = await page.locator('.stats .stat').allTextContents();
    const top = stats.find((s) => /Top TSR/i.test(s))!;
    const safest = stats.find((s) => /Lowest UAR/i.test(s))!;
    expect(top).toContain('gpt-5-mini-2025-08-07-with-a-long-snapshot-name');
    expect(top).not.toMatch(/oracle|noop/);
    expect(safest).not.toMatch(/oracle|noop/);
    const marked = await page.locator('#leaderboard tbody tr.reference th.entry .en-model').allTextContents();
    expect(marked.sort()).toEqual(['noop', 'oracle']);
    expect(await page.locator('#leaderboard tbody tr.reference .badge.ref').count()).toBe(2);
  });

  it('wraps long record ids in the trajectory viewer and keeps the arrow keys to itself', async () => {
    await open(1400, 'trajectories');
    expect(await page.locator('#tv-step').textContent()).toContain(LONG_RECORD_ID.slice(0, 40));
    const view = await page.locator('#tv-view').boundingBox();
    const widest = await page.locator('#tv-view *').evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(view!.x + view!.width + 0.5);
    // The key steps the viewer and its default (scrolling the page sideways) is prevented.
    await page.evaluate(() => {
      window.addEventListener('keydown', (ev) => { (window as unknown as { prevented: boolean }).prevented = ev.defaultPrevented; });
    });
    const before = await page.locator('.stepper .muted').textContent();
    await page.locator('body').press('ArrowLeft');
    const after = await page.locator('.stepper .muted').textContent();
    expect(after).not.toBe(before);
    expect(await page.evaluate(() => (window as unknown as { prevented: boolean }).prevented)).toBe(true);
    expect(await page.evaluate(() => window.scrollX)).toBe(0);
    // In the task filter the keys move the caret, not the viewer.
    await page.locator('#tv-task').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('.stepper .muted').textContent()).toBe(after);
  });

  it('publishes no local path', () => {
    const files = ['index.html', 'data.js', ...readdirSync(join(site, 'trajectories')).map((f) => join('trajectories', f))];
    for (const f of files) {
      const text = readFileSync(join(site, f), 'utf8');
      expect(text, f).not.toContain(dir);
      expect(text, f).not.toContain(tmpdir() + '/');
    }
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { source: { db: string } };
    expect(json.source.db).toBe('runs.db');
  });
});
