/**
 * Every migration, oldest first. Listed as classes (not a glob) so the same list runs from the
 * TypeScript sources under test and from the compiled build.
 */
export const MIGRATIONS: Function[] = [];
