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
