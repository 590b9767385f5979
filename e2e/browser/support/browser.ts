import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { freshIp } from '../../../libs/testing/src/http.js';
import { chooseChromium } from './chromium.js';

/** One Chromium per suite (see `chooseChromium` for which); pages in fresh contexts, with their console errors collected. */

export const SCREENSHOTS = resolve(import.meta.dirname, '../../screenshots');

/** axe-core, answered by the page's own origin so the API's CSP (`script-src 'self'`) lets it run. */
const AXE_PATH = '/__test__/axe.min.js';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The same flags whichever Chromium it is. Not `@sparticuz/chromium`'s own `args`: they are made for
 * one page per serverless call (`--single-process` ends the browser when the first context closes,
 * seen here) and loosen the browser (`--disable-web-security`), so a test would see less than a
 * person does. Root needs `--no-sandbox`; the network flags keep Chromium from calling out.
 */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const chosen = await chooseChromium();
  return chromium.launch({
    executablePath: chosen.executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    ...(chosen.env ? { env: { ...process.env, ...chosen.env } } : {}),
  });
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** console errors, uncaught exceptions and CSP violations; a test expects none */
  errors: string[];
  /**
   * Console errors a test causes on purpose. By default the 4xx answers of refused sign-ins and
   * rejected tokens, which Chromium logs as resource errors.
   */
  expectedErrors: RegExp[];
}

/**
 * A fresh browser context (no session) on the console. Each context comes from its own client
 * address (X-Forwarded-For, trusted from loopback), so per-address sign-in counters of one test
 * never touch another.
 */
export async function openConsole(
  browser: Browser,
  baseURL: string,
  path = '/',
  viewport = { width: 1280, height: 800 },
): Promise<ConsolePage> {
  const context = await browser.newContext({
    viewport,
    baseURL,
    reducedMotion: 'reduce',
    extraHTTPHeaders: { 'x-forwarded-for': freshIp() },
  });
  await context.route(`**${AXE_PATH}`, (route) => route.fulfill({ contentType: 'text/javascript', body: AXE_SOURCE }));
  const page = await context.newPage();
  const opened: ConsolePage = { context, page, errors: [], expectedErrors: [/status of 40[01]/] };
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !opened.expectedErrors.some((expected) => expected.test(text))) opened.errors.push(text);
  });
  page.on('pageerror', (error) => opened.errors.push(error.message));
  await page.goto(path);
  return opened;
}

export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ url: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map((node) => node.target.join(' ')) }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.targets.join(', ')})`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/* Driving the console: the same steps in every suite. */

export async function fillCredentials(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signIn(page: Page, user: { email: string; password: string; name: string }): Promise<void> {
  await fillCredentials(page, user);
  await page.waitForURL('**/dashboard');
  await page.getByRole('heading', { level: 1, name: `Welcome, ${user.name}` }).waitFor();
}

export async function navigationLinks(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  await links.first().waitFor();
  return (await links.allTextContents()).map((text) => text.trim());
}

/** API calls the page makes to `path`, with their answers, as the browser saw them. */
export function watchApi(page: Page, path: string): Array<{ method: string; status: number }> {
  const seen: Array<{ method: string; status: number }> = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === path) seen.push({ method: response.request().method(), status: response.status() });
  });
  return seen;
}

/** The API's 503 with `message`, for `route.fulfill`: what the console gets while the API restarts or its database is away. */
export function unavailable(message: string): { status: number; contentType: string; body: string } {
  return {
    status: 503,
    contentType: 'application/json',
    body: JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message, errors: [] }),
  };
}

/** The first request of the page to `url` (a route pattern) gets `unavailable(message)`; the ones after reach the API. */
export async function unavailableOnce(page: Page, url: string, message: string): Promise<void> {
  let failed = false;
  await page.route(url, async (route) => {
    if (failed) return route.continue();
    failed = true;
    await route.fulfill(unavailable(message));
  });
}
