import { readFileSync } from 'node:fs';

/**
 * Distinct errors in replicas' logs (pino JSON lines), for a finding's detail: the error's type,
 * its message with quoted values elided (they may hold what a caller said) and the first frame
 * in `apps/api/src`. The job queue's own reconnect noise and pino-http's "failed with status code"
 * echo of a 5xx are left out. `from` is the byte offset where the part of interest starts.
 */
export function loggedErrors(files: { path: string; from?: number }[]): string[] {
  const errors = new Map<string, number>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file.path).subarray(file.from ?? 0).toString('utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.includes('"level":"error"') || line.includes('"JobQueue"') || !line.includes('"err"')) continue;
      try {
        const entry = JSON.parse(line) as { context?: string; err?: { type?: string; message?: string; stack?: string } };
        if (!entry.err || entry.err.message?.startsWith('failed with status code')) continue;
        const at = /\n\s+at (?:async )?(\S+ )?\(?(?:file:\/\/)?[^)\n]*\/(apps\/api\/src\/[^:)]+)/.exec(entry.err.stack ?? '');
        const where = at ? `${at[1] ? `${at[1].trim()}, ` : ''}${at[2]}` : entry.context ?? '';
        const key = `${entry.err.type}: ${(entry.err.message ?? '').replace(/"[^"]*"/g, '"…"').slice(0, 120)}${where ? ` (${where})` : ''}`;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      } catch {
        // not a JSON line
      }
    }
  }
  return [...errors].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`);
}
