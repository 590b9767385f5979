/**
 * Every TypeORM entity of the API, listed once. The data source, the schema tests and the
 * migration generator all read this list, so an entity missing here is missing everywhere.
 */
export const ENTITIES: Function[] = [];
