import { QueryFailedError } from 'typeorm';

/** The constraint a failed statement ran into when PostgreSQL refused it with `code`, else undefined. */
function violated(error: unknown, code: string): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === code ? (driverError.constraint ?? 'unknown') : undefined;
}

/** The name of the unique constraint a failed INSERT/UPDATE ran into, if that is why it failed. */
export function uniqueViolation(error: unknown): string | undefined {
  return violated(error, '23505');
}

/** The name of the foreign key a failed INSERT/UPDATE ran into (a row it points at does not exist). */
export function foreignKeyViolation(error: unknown): string | undefined {
  return violated(error, '23503');
}

/**
 * Our own database failed the statement (refused it, lost the connection, or had none to give):
 * the voice webhook answers "one moment" for these, not "the clinic's records are unavailable".
 */
export function isDatabaseFailure(error: unknown): boolean {
  if (error instanceof QueryFailedError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // SQLSTATE classes 08 (connection), 53 (resources), 57 (operator intervention: shutdown, terminated)
  if (typeof code === 'string' && /^(08|53|57)[0-9A-Z]{3}$/.test(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|ECONNREFUSED|Client has encountered a connection error|not currently accepting connections/i.test(error.message);
}
