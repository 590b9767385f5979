import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { apiSuiteOf } from '../../../libs/testing/src/api-suite.js';
import type { TestApp } from '../../../libs/testing/src/app.js';
import { createConsoleApp } from '../../../libs/testing/src/console-app.js';
import { createClinic, randomSuffix } from '../../../libs/testing/src/factories.js';
import { startTestOscarSim, type TestOscarSim } from '../../../libs/testing/src/oscar-sim.js';
import { type ConsolePage, launchChromium, openConsole, signIn } from './browser.js';
import { type Person, UserRole, createPerson } from './people.js';

/**
 * What every browser suite sets up the same way: the API serving the built console, one Chromium,
 * a platform admin (Ada) signed in through the API, and usually a clinic with its manager (Mona).
 * `consoleSuite` registers the hooks that start and close them, and an `afterEach` that closes
 * the test's browser contexts and fails the test when the browser printed errors it did not expect.
 */

export interface ConsoleSuiteOptions {
  /**
   * API environment beyond the test defaults. A function is read in `beforeAll`, after the hooks
   * the file registered before `consoleSuite`, so it can name a fake started there (vitest runs
   * `afterAll` hooks in reverse, so that fake also closes after the app).
   */
  env?: Record<string, string> | (() => Record<string, string>);
  /** an OSCAR simulator alongside the app: `true`, or the simulator's options */
  oscarSim?: true | Parameters<typeof startTestOscarSim>[0];
  /** the platform admin's first name (Ada unless given) */
  adminName?: string;
  /** the suite's clinic; none unless given */
  clinic?: ConsoleSuiteClinicOptions;
  /** a clinic manager (Mona) of the clinic; made whenever there is a clinic unless `false` */
  manager?: false;
}

export interface ConsoleSuiteClinicOptions {
  /** its name, to which a random suffix is added (the factory's when made in the database without one) */
  name?: string;
  /**
   * By default the admin provisions it through the API, as a person would: it has its config and
   * hours, is pending, and lives in the simulator's time zone (America/Vancouver without one).
   * `inDatabase`: made straight in the database by the factory instead, active at once.
   */
  inDatabase?: true;
  /** more fields of the API's create body */
  fields?: Record<string, unknown>;
  /** connect it to the simulator through the config API, with these EMR fields besides the simulator's address and login */
  emr?: Record<string, unknown>;
}

export interface ConsoleSuiteClinic {
  id: string;
  name: string;
  slug: string;
}

/** The suite's pieces. Everything but the functions and `page` exists once `beforeAll` has run: read it inside tests and hooks. */
export interface ConsoleSuite {
  readonly app: TestApp;
  readonly browser: Browser;
  /** the OSCAR simulator (with `oscarSim` only) */
  readonly sim: TestOscarSim;
  readonly admin: Person;
  /** the admin's access token, for API calls beside the browser */
  readonly adminToken: string;
  /** the clinic (with `clinic` only) */
  readonly clinic: ConsoleSuiteClinic;
  /** the clinic's manager (with `clinic` only) */
  readonly manager: Person;
  /** the browser context opened last in this test, with its console errors */
  readonly current: ConsolePage;
  /**
   * The page of the context opened last. One stand-in for the whole file that always acts on the
   * current page, so helpers written once at the top of a file follow each test's page.
   */
  readonly page: Page;
  /** a fresh browser context (no session) on `path` (the sign-in page unless given); answers its page */
  open(path?: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** a fresh context signed in as `user` (on the dashboard), then at `path` when given */
  signedIn(user: Person, path?: string): Promise<Page>;
  /** waits for the page's level-1 heading */
  heading(name: string | RegExp): Promise<void>;
  /** a link of the main navigation, by its exact name */
  menu(name: string): Locator;
  /** closes the test's browser contexts and fails when they printed errors (the `afterEach` does this too) */
  closeContexts(): Promise<void>;
}

export function consoleSuite(options: ConsoleSuiteOptions = {}): ConsoleSuite {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  let sim: TestOscarSim | undefined;
  let admin: Person | undefined;
  let adminToken: string | undefined;
  let clinic: ConsoleSuiteClinic | undefined;
  let manager: Person | undefined;
  const opened: ConsolePage[] = [];

  beforeAll(async () => {
    const env = typeof options.env === 'function' ? options.env() : options.env;
    const simOptions = options.oscarSim === true ? {} : options.oscarSim;
    [app, browser, sim] = await Promise.all([createConsoleApp(env), launchChromium(), simOptions ? startTestOscarSim(simOptions) : undefined]);
    admin = await createPerson(app, { role: UserRole.PlatformAdmin, firstName: options.adminName ?? 'Ada' });
    const api = await apiSuiteOf(app, admin);
    adminToken = api.adminToken;
    if (!options.clinic) return;
    const { name, inDatabase, fields = {}, emr } = options.clinic;
    const named = name ? { name: `${name} ${randomSuffix()}` } : {};
    if (inDatabase) {
      clinic = await createClinic(app.db.dataSource, named);
    } else {
      const made = await api.newClinic({ ...named, timezone: sim?.data.timezone ?? 'America/Vancouver', ...fields });
      clinic = made as typeof made & ConsoleSuiteClinic;
    }
    if (emr) {
      if (!sim) throw new Error('consoleSuite: `clinic.emr` needs `oscarSim`');
      expect((await api.connectToSim(clinic.id, sim, emr)).status).toBe(200);
    }
    if (options.manager !== false) manager = await createPerson(app, { role: UserRole.ClinicManager, clinicId: clinic.id, firstName: 'Mona' });
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), sim?.close()]);
  });

  afterEach(() => closeContexts());

  async function closeContexts(): Promise<void> {
    const errors = opened.flatMap((o) => o.errors);
    for (const o of opened.splice(0)) await o.context.close();
    expect(errors, 'browser console errors').toEqual([]);
  }

  const current = (): ConsolePage => opened.at(-1) ?? fail('consoleSuite: no browser context is open; call open() or signedIn() first');

  /** forwards every property to the current page, its methods bound to it */
  const page = new Proxy({} as Page, {
    get(_target, key) {
      const real = current().page;
      const value: unknown = Reflect.get(real, key, real);
      return typeof value === 'function' ? value.bind(real) : value;
    },
  });

  async function open(path = '/login', viewport?: { width: number; height: number }): Promise<Page> {
    const o = await openConsole(ready(browser, 'browser'), ready(app, 'app').baseUrl, path, viewport);
    opened.push(o);
    return o.page;
  }

  return {
    get app() { return ready(app, 'app'); },
    get browser() { return ready(browser, 'browser'); },
    get sim() { return ready(sim, 'sim (pass `oscarSim`)'); },
    get admin() { return ready(admin, 'admin'); },
    get adminToken() { return ready(adminToken, 'adminToken'); },
    get clinic() { return ready(clinic, 'clinic (pass `clinic`)'); },
    get manager() { return ready(manager, 'manager (pass `clinic`)'); },
    get current() { return current(); },
    page,
    open,
    async signedIn(user, path) {
      const signedInPage = await open('/login');
      await signIn(signedInPage, user);
      if (path) await signedInPage.goto(path);
      return signedInPage;
    },
    heading: (name) => page.getByRole('heading', { level: 1, name }).waitFor(),
    menu: (name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }),
    closeContexts,
  };
}

function ready<T>(value: T | undefined, what: string): T {
  return value ?? fail(`consoleSuite: no ${what} yet; read it inside a test or hook`);
}

function fail(message: string): never {
  throw new Error(message);
}
