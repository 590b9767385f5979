/** class-transformer `@Transform` functions shared by request DTOs. */

/** Surrounding white space is never part of a value a person typed. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** As `trim`, and an empty string clears an optional field (null). */
export const trimOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
