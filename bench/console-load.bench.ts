/// <reference lib="dom" />
// (the page functions below run in the browser)
import { resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseChromium } from '../e2e/browser/support/chromium.js';
import { freshDatabase, newSecrets, startApi, type BenchApi } from './support/api.js';
import { cleanWorkDir, ROOT } from './support/processes.js';
import { figure, fmt, median, percentile } from './support/stats.js';
import type { TestDatabase } from '../libs/testing/src/database.js';

/**
 * The console's first load (issue "Console that runs clinics…", item 11; target: the login page
 * shown in < 1 s on this machine). The built API in production mode serving the built console
 * (`dist/console/browser`, as `npm start` does), and headless Chromium (the browser suites' one)
 * opening `/login` in a fresh context each time: an empty cache, as a first visit.
 *
 * Figures per load, on the browser's own clock from the start of the navigation:
 * - `sign-in form shown`: the "Sign in" button is in the page (Angular booted and rendered it);
 * - `load event`: the navigation's `loadEventEnd`;
 * - bytes over the wire (`transferSize`) and once decoded (`decodedBodySize`), all requests.
 * Each on this machine's loopback, and with a clinic's network emulated (BENCH_LATENCY_MS 40 ms
 * round trip, BENCH_MBPS 10 Mbit/s down), each compressed (what Chromium asks for: br, gzip) and
 * not (`Accept-Encoding: identity`, the baseline). BENCH_LOADS (10) loads per figure after 2
 * warm-ups, the variants taking turns. `BENCH_TRACE=1` prints each load's requests (start–end).
 *
 *   npm run bench:console   (builds first; or, after a build:
 *   npx vitest run --config bench/vitest.config.ts bench/console-load.bench.ts)
 */
const LOADS = Number(process.env.BENCH_LOADS ?? 10);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 40);
const MBPS = Number(process.env.BENCH_MBPS ?? 10);
const TARGET_MS = 1000;

const say = (line: string) => console.log(line);

interface Load {
  shownMs: number;
  loadMs: number;
  transferBytes: number;
  decodedBytes: number;
  requests: number;
  encodings: string[];
}

interface Variant {
  name: string;
  compressed: boolean;
  network: boolean;
}

async function firstLoad(browser: Browser, baseUrl: string, variant: Variant): Promise<Load> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    ...(variant.compressed ? {} : { extraHTTPHeaders: { 'accept-encoding': 'identity' } }),
  });
  try {
    const page = await context.newPage();
    const encodings = new Set<string>();
    page.on('response', (response) => {
      if (response.url().startsWith(baseUrl)) encodings.add(response.headers()['content-encoding'] ?? 'none');
    });
    if (variant.network) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: LATENCY_MS,
        downloadThroughput: (MBPS * 1_000_000) / 8,
        uploadThroughput: (MBPS * 1_000_000) / 16,
      });
    }
    await page.goto('/login', { waitUntil: 'commit' });
    const shown = await page.waitForFunction(
      () => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Sign in') && performance.now(),
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    const shownMs = (await shown.jsonValue()) as number;
    await page.waitForLoadState('load');
    const timing = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const all = [navigation, ...resources];
      return {
        loadMs: navigation.loadEventEnd,
        transferBytes: all.reduce((n, e) => n + e.transferSize, 0),
        decodedBytes: all.reduce((n, e) => n + e.decodedBodySize, 0),
        requests: all.length,
        waterfall: all.map((e) => `${Math.round(e.startTime)}–${Math.round(e.responseEnd)} ms ${e.name.replace(location.origin, '')} (${e.transferSize} B)`),
      };
    });
    const { waterfall, ...figures } = timing;
    if (process.env.BENCH_TRACE === '1') say(`  one load (${variant.name}), form shown at ${Math.round(shownMs)} ms:\n    ${waterfall.join('\n    ')}`);
    return { shownMs, ...figures, encodings: [...encodings].sort() };
  } finally {
    await context.close();
  }
}

describe('bench:console', () => {
  let api: BenchApi;
  let db: TestDatabase;
  let browser: Browser;

  beforeAll(async () => {
    const fresh = await freshDatabase();
    db = fresh.db;
    const chosen = await chooseChromium();
    [api, browser] = await Promise.all([
      startApi(db.url, newSecrets(), 'api', { CONSOLE_DIR: resolve(ROOT, 'dist/console/browser') }),
      chromium.launch({
        executablePath: chosen.executablePath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        headless: true,
        ...(chosen.env ? { env: { ...process.env, ...chosen.env } } : {}),
      }),
    ]);
    say(`bench:console — headless Chromium (${chosen.source}) on the production build; ${LOADS} first loads of /login per figure after 2 warm-ups`);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await db?.drop();
    cleanWorkDir();
  });

  it('the login page, first load, compressed and not, on loopback and on an emulated clinic network', async () => {
    const variants: Variant[] = [
      { name: 'loopback, compressed', compressed: true, network: false },
      { name: 'loopback, uncompressed', compressed: false, network: false },
      { name: `${MBPS} Mbit/s + ${LATENCY_MS} ms, compressed`, compressed: true, network: true },
      { name: `${MBPS} Mbit/s + ${LATENCY_MS} ms, uncompressed`, compressed: false, network: true },
    ];
    for (const variant of variants) for (let i = 0; i < 2; i++) await firstLoad(browser, api.baseUrl, variant);
    const loads = new Map<Variant, Load[]>(variants.map((v) => [v, []]));
    for (let i = 0; i < LOADS; i++) for (const variant of variants) loads.get(variant)!.push(await firstLoad(browser, api.baseUrl, variant));

    const report = (variant: Variant, baseline: Variant) => {
      const mine = loads.get(variant)!;
      const base = loads.get(baseline)!;
      const shown = median(mine.map((l) => l.shownMs));
      const kb = (bytes: number) => `${fmt(bytes / 1024)} KB`;
      say(
        figure(`sign-in form shown, ${variant.name}`, shown, 'ms', { name: `uncompressed ${fmt(median(base.map((l) => l.shownMs)))} ms`, value: median(base.map((l) => l.shownMs)) },
          `p95 ${fmt(percentile(mine.map((l) => l.shownMs), 95))} ms`,
          `load event ${fmt(median(mine.map((l) => l.loadMs)))} ms`,
          `${kb(median(mine.map((l) => l.transferBytes)))} over the wire of ${kb(median(mine.map((l) => l.decodedBytes)))} in ${mine[0].requests} requests`,
          `encodings ${mine[0].encodings.join(', ')}`,
          `target < ${TARGET_MS} ms: ${shown < TARGET_MS ? 'met' : 'NOT met'}`),
      );
    };
    report(variants[0], variants[1]);
    report(variants[1], variants[1]);
    report(variants[2], variants[3]);
    report(variants[3], variants[3]);
    const compressed = loads.get(variants[0])!;
    expect(compressed.every((l) => l.encodings.includes('br'))).toBe(true);
    expect(loads.get(variants[1])!.every((l) => !l.encodings.includes('br') && !l.encodings.includes('gzip'))).toBe(true);
  });
});
