import { relative } from 'node:path';
import { ConfigError } from '../config/app-config.js';

/**
 * Helpers of the operations commands (`npm run backup`, `restore`, `rotate-key`): they talk to the
 * person at the terminal on stdout/stderr (never through the logger) and exit with a status code.
 */
export const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** A path as the person at the terminal would type it: relative inside the project, absolute outside. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export function humanBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A mistake of the person at the terminal (bad arguments, a refused restore): said without a stack. */
export class CliUsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** Runs a command's main and exits: 0, its own code, 78 for configuration, 2 for usage, 1 otherwise. */
export function runCli(main: () => Promise<number | void>, expected: Function[] = []): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      if (error instanceof ConfigError) {
        for (const problem of error.problems) process.stderr.write(`Configuration error: ${problem}\n`);
        process.exit(78);
      }
      if (error instanceof CliUsageError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(error.exitCode);
      }
      if (expected.some((kind) => error instanceof kind)) {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exit(1);
      }
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
