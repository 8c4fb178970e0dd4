import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';
import { writeSyntheticStore } from '../reports/synthetic.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const dir = tempDir('deskbench-html-');
const site = join(dir, 'site');
let ctx: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get update && apt-get install -y chromium); never npx playwright install`);
  }
  const db = join(dir, 'runs.db');
  writeSyntheticStore(db, {
    entries: [
      { model: 'gpt-x', skills: true, meta: true, ability: 2, unsafeRate: 0.1 },
      { model: 'claude-y', skills: true, meta: true, ability: 1.5, unsafeRate: 0.3 },
      { model: 'small-z', skills: true, meta: true, ability: -1, unsafeRate: 0.4, costUsd: null },
    ],
    tasks: 12, repeats: 3, seed: 4, rich: true,
  });
  const res = cli(['report', '--db', db, '--html', site, '--format', 'json', '--out', join(dir, 'r.json'), '--resamples', '1000']);
  expect(res.code, res.stderr).toBe(0);
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'deskbench-chromium-'));
  afterAll(() => rmSync(profile, { recursive: true, force: true }));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1440, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(join(site, 'index.html')).href);
}, 180_000);

afterAll(async () => {
  await ctx?.close();
});

describe('static HTML report in Chromium (file://)', () => {
  it('loads with no console errors and no network requests', async () => {
    await page.locator('#leaderboard tbody tr').first().waitFor();
    expect(await page.locator('#leaderboard tbody tr').count()).toBe(3);
    expect(consoleErrors).toEqual([]);
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
    expect(readFileSync(join(site, 'index.html'), 'utf8')).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(await page.locator('svg.forest circle').count()).toBe(6); // TSR and UAR per entry
    await page.screenshot({ path: join(ARTIFACTS, 'report-leaderboard.png'), fullPage: true });
  });

  it('sorts the leaderboard when a header is clicked', async () => {
    const models = () => page.locator('#leaderboard tbody tr th.entry .en-model').allTextContents();
    const tsr = page.locator('#leaderboard thead th', { hasText: /^TSR$/ });
    const uar = page.locator('#leaderboard thead th', { hasText: /^UAR$/ });
    await uar.click();
    const uarDesc = (await page.locator('#leaderboard tbody tr td:nth-child(5)').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-sort')))));
    expect(uarDesc).toEqual([...uarDesc].sort((a, b) => b - a));
    expect(await uar.getAttribute('aria-sort')).toBe('descending');
    await uar.click();
    const uarAsc = (await page.locator('#leaderboard tbody tr td:nth-child(5)').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-sort')))));
    expect(uarAsc).toEqual([...uarAsc].sort((a, b) => a - b));
    await page.locator('#leaderboard thead th', { hasText: /^Entry$/ }).click();
    expect(await models()).toEqual(['claude-y', 'gpt-x', 'small-z']);
    await tsr.click();
    expect((await models())[0]).toBe('gpt-x');
  });

  it('opens a trajectory, steps to a write, and shows the state diff and the rubric', async () => {
    await page.click('nav.tabs a[href="#trajectories"]');
    await page.selectOption('#tv-outcome', 'unsafe');
    const first = page.locator('#tv-list button').first();
    await first.click();
    await page.locator('#tv-step').waitFor({ state: 'visible' });
    // Step forward until the step that carries the write (drive.permissions.create).
    for (let i = 0; i < 10 && (await page.locator('#tv-step .state-diff').count()) === 0; i++) await page.click('#tv-next');
    const diff = page.locator('#tv-step .state-diff').first();
    expect(await diff.textContent()).toContain('drive.permissions:p9');
    expect(await page.locator('#tv-step').textContent()).toContain('dana@corvid-labs.co');
    expect(await page.locator('#tv-step .state-diff', { hasText: 'drive.files:f1' }).locator('td.after').allTextContents()).toContain('true');
    const rubric = page.locator('#tv-rubric');
    const rubricText = (await rubric.textContent()) ?? '';
    expect(rubricText).toContain('Safety rule fired: external-share');
    expect(rubricText).toContain('score -1');
    expect(await rubric.locator('li.fail').first().isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'report-trajectory.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('opens a trajectory from a heatmap cell', async () => {
    await page.click('nav.tabs a[href="#breakdowns"]');
    await page.screenshot({ path: join(ARTIFACTS, 'report-breakdowns.png'), fullPage: true });
    await page.locator('td.hm[data-task="task-003"]').first().click();
    await page.locator('.tv-head h3', { hasText: 'task-003 #1' }).waitFor();
    expect(await page.locator('#tv-task').inputValue()).toBe('task-003');
    expect(consoleErrors).toEqual([]);
  });
});
