import {
  Raw,
  type DeepPartial,
  type DeleteResult,
  type EntityManager,
  type FindManyOptions,
  type FindOneOptions,
  type FindOptionsWhere,
  type InsertResult,
  type ObjectLiteral,
  type QueryDeepPartialEntity,
  type Repository,
  type SelectQueryBuilder,
  type UpdateResult,
} from 'typeorm';
import { NotFoundInClinicError } from '../common/errors/domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A query of clinic data was about to run without a valid clinic id. Always a bug in the caller
 * (routes validate their ids first), so it is not a domain error and surfaces as a 500.
 */
export class ClinicScopeError extends Error {
  readonly code = 'CLINIC_SCOPE_INVALID';
  constructor(reason: string) {
    super(`clinic-scoped query refused: ${reason}`);
    this.name = 'ClinicScopeError';
  }
}

/** Throws `ClinicScopeError` unless `clinicId` is a uuid string. */
export function assertClinicId(clinicId: unknown): asserts clinicId is string {
  if (clinicId === undefined || clinicId === null) throw new ClinicScopeError(`clinicId is ${String(clinicId)}`);
  if (typeof clinicId !== 'string') throw new ClinicScopeError(`clinicId is a ${typeof clinicId}`);
  if (clinicId.trim() === '') throw new ClinicScopeError('clinicId is empty');
  if (!UUID.test(clinicId)) throw new ClinicScopeError('clinicId is not a uuid');
}

type Where<T> = FindOptionsWhere<T> | FindOptionsWhere<T>[];
type ClinicOwned = ObjectLiteral & { clinicId: string | null };

/** query-builder methods that would escape the clinic condition (`a AND b OR c`) */
const UNSCOPED_OR_METHODS = ['orWhere', 'orWhereInIds', 'orWhereExists', 'orHaving'] as const;

/**
 * The only way feature code reads or writes clinic data (STYLE.md). Wraps a TypeORM repository of
 * an entity with a `clinicId` column: every method takes the clinic id first, refuses a missing or
 * malformed one, adds it to every WHERE (a `clinicId` in the caller's criteria is overridden), and
 * stamps it on every write (a `clinicId` in the payload is overwritten).
 */
export class ClinicScopedRepository<T extends ClinicOwned> {
  constructor(readonly repository: Repository<T>) {
    if (!repository.metadata.findColumnWithPropertyName('clinicId')) {
      throw new Error(`${repository.metadata.name} has no clinicId column: it cannot be clinic-scoped`);
    }
  }

  /** The same scoping inside a transaction: `scoped.withManager(manager)`. */
  withManager(manager: EntityManager): ClinicScopedRepository<T> {
    return new ClinicScopedRepository<T>(manager.getRepository<T>(this.repository.target));
  }

  // ---- reads ----

  find(clinicId: string, options: FindManyOptions<T> = {}): Promise<T[]> {
    return this.repository.find(this.scopeOptions(clinicId, options));
  }

  findBy(clinicId: string, where: Where<T> = {}): Promise<T[]> {
    return this.repository.findBy(this.scopeWhere(clinicId, where));
  }

  findAndCount(clinicId: string, options: FindManyOptions<T> = {}): Promise<[T[], number]> {
    return this.repository.findAndCount(this.scopeOptions(clinicId, options));
  }

  findOne(clinicId: string, options: FindOneOptions<T>): Promise<T | null> {
    return this.repository.findOne(this.scopeOptions(clinicId, options));
  }

  findOneBy(clinicId: string, where: Where<T>): Promise<T | null> {
    return this.repository.findOneBy(this.scopeWhere(clinicId, where));
  }

  /** The row, or `NotFoundInClinicError(what)`: another clinic's row is "not found" too (404, never 403). */
  async findOneByOrFail(clinicId: string, where: Where<T>, what = 'Record'): Promise<T> {
    const row = await this.findOneBy(clinicId, where);
    if (!row) throw new NotFoundInClinicError(what);
    return row;
  }

  count(clinicId: string, options: FindManyOptions<T> = {}): Promise<number> {
    return this.repository.count(this.scopeOptions(clinicId, options));
  }

  countBy(clinicId: string, where: Where<T> = {}): Promise<number> {
    return this.repository.countBy(this.scopeWhere(clinicId, where));
  }

  existsBy(clinicId: string, where: Where<T>): Promise<boolean> {
    return this.repository.existsBy(this.scopeWhere(clinicId, where));
  }

  /**
   * A query builder already restricted to the clinic (`<alias>.clinicId = :…`). `where()` on it
   * adds to the restriction (as `andWhere`); `orWhere()` and friends throw: put alternatives in
   * `andWhere(new Brackets(…))`.
   */
  createQueryBuilder(clinicId: string, alias: string): SelectQueryBuilder<T> {
    assertClinicId(clinicId);
    const qb = this.repository
      .createQueryBuilder(alias)
      .where(`${alias}.clinicId = :clinicScopeId`, { clinicScopeId: clinicId });
    const scoped = qb as unknown as Record<string, unknown>;
    scoped.where = qb.andWhere.bind(qb);
    for (const method of UNSCOPED_OR_METHODS) {
      scoped[method] = () => {
        throw new ClinicScopeError(`${method}() would escape the clinic condition; use andWhere(new Brackets(...))`);
      };
    }
    return qb;
  }

  // ---- writes ----

  /** A new entity instance with the clinic stamped (not saved). */
  create(clinicId: string, fields: DeepPartial<T> = {} as DeepPartial<T>): T {
    assertClinicId(clinicId);
    return this.repository.create({ ...fields, clinicId } as DeepPartial<T>);
  }

  /**
   * Inserts or updates by primary key with the clinic stamped. An entity whose key belongs to
   * another clinic's row is refused (`NotFoundInClinicError`) instead of being moved across.
   */
  async save<E extends DeepPartial<T>>(clinicId: string, entity: E): Promise<E & T>;
  async save<E extends DeepPartial<T>>(clinicId: string, entities: E[]): Promise<(E & T)[]>;
  async save<E extends DeepPartial<T>>(clinicId: string, input: E | E[]): Promise<(E & T) | (E & T)[]> {
    assertClinicId(clinicId);
    const entities = Array.isArray(input) ? input : [input];
    for (const entity of entities) {
      (entity as ObjectLiteral).clinicId = clinicId;
      await this.refuseForeignRow(clinicId, entity);
    }
    return this.repository.save(input as DeepPartial<T>) as Promise<(E & T) | (E & T)[]>;
  }

  insert(clinicId: string, values: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[]): Promise<InsertResult> {
    assertClinicId(clinicId);
    const stamp = (v: QueryDeepPartialEntity<T>) => ({ ...v, clinicId }) as QueryDeepPartialEntity<T>;
    return this.repository.insert(Array.isArray(values) ? values.map(stamp) : stamp(values));
  }

  /**
   * `INSERT … ON CONFLICT DO NOTHING` with the clinic stamped: rows that would collide with an
   * existing one (any unique constraint) are left out. Answers the primary keys of the rows
   * actually inserted (by property name, e.g. `{ id }`).
   */
  async insertNew(clinicId: string, values: QueryDeepPartialEntity<T>[]): Promise<Partial<T>[]> {
    assertClinicId(clinicId);
    if (values.length === 0) return [];
    const stamped = values.map((v) => ({ ...v, clinicId }) as QueryDeepPartialEntity<T>);
    const keys = this.repository.metadata.primaryColumns;
    const result = await this.repository
      .createQueryBuilder()
      .insert()
      .values(stamped)
      .orIgnore()
      .returning(keys.map((c) => `"${c.databaseName}"`).join(', '))
      .execute();
    return (result.raw as ObjectLiteral[]).map((row) => Object.fromEntries(keys.map((c) => [c.propertyName, row[c.databaseName]])) as Partial<T>);
  }

  /**
   * `INSERT … ON CONFLICT (…) DO UPDATE` with the clinic stamped. The conflict target must include
   * `clinicId`, so a conflict can only ever update this clinic's row.
   */
  upsert(
    clinicId: string,
    values: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[],
    conflictPaths: (keyof T & string)[],
  ): Promise<InsertResult> {
    assertClinicId(clinicId);
    if (!conflictPaths.includes('clinicId')) {
      throw new ClinicScopeError('upsert conflict paths must include clinicId');
    }
    const stamp = (v: QueryDeepPartialEntity<T>) => ({ ...v, clinicId }) as QueryDeepPartialEntity<T>;
    return this.repository.upsert(Array.isArray(values) ? values.map(stamp) : stamp(values), {
      conflictPaths,
      skipUpdateIfNoValuesChanged: true,
    });
  }

  /** Updates the clinic's rows matching `where`; a `clinicId` in `patch` is ignored (rows never change clinic). */
  update(clinicId: string, where: FindOptionsWhere<T>, patch: QueryDeepPartialEntity<T>): Promise<UpdateResult> {
    const scopedWhere = this.scopeWhere(clinicId, where) as FindOptionsWhere<T>;
    const { clinicId: _ignored, ...rest } = patch as ObjectLiteral;
    return this.repository.update(scopedWhere, rest as QueryDeepPartialEntity<T>);
  }

  /** Deletes the clinic's rows matching `where` (`{}` = all of the clinic's rows). */
  delete(clinicId: string, where: FindOptionsWhere<T>): Promise<DeleteResult> {
    return this.repository.delete(this.scopeWhere(clinicId, where) as FindOptionsWhere<T>);
  }

  // ---- scoping ----

  private scopeWhere(clinicId: string, where: Where<T> | undefined): FindOptionsWhere<T> | FindOptionsWhere<T>[] {
    assertClinicId(clinicId);
    const scope = (w: FindOptionsWhere<T>) => ({ ...w, clinicId }) as FindOptionsWhere<T>;
    if (Array.isArray(where)) {
      // TypeORM reads an empty OR list as "no condition": scoped, that is all of the clinic's rows
      return where.length === 0 ? [scope({} as FindOptionsWhere<T>)] : where.map(scope);
    }
    if (where !== undefined && (typeof where !== 'object' || where === null)) {
      throw new ClinicScopeError('where must be an object or a list of objects');
    }
    return scope(where ?? ({} as FindOptionsWhere<T>));
  }

  private scopeOptions<O extends FindManyOptions<T> | FindOneOptions<T>>(clinicId: string, options: O): O {
    return { ...options, where: this.scopeWhere(clinicId, options.where as Where<T> | undefined) };
  }

  private async refuseForeignRow(clinicId: string, entity: ObjectLiteral): Promise<void> {
    const key = this.repository.metadata.getEntityIdMap(entity);
    if (!key) return; // no primary key yet: a plain insert
    const keyColumns = Object.keys(key);
    if (keyColumns.length === 1 && keyColumns[0] === 'clinicId') return; // keyed by the clinic itself
    // IS DISTINCT FROM, not <>: a row without a clinic (a platform admin) must not be adopted either
    const otherClinic = Raw((column) => `${column} IS DISTINCT FROM :clinicScopeId`, { clinicScopeId: clinicId });
    const foreign = await this.repository.existsBy({ ...key, clinicId: otherClinic } as FindOptionsWhere<T>);
    if (foreign) throw new NotFoundInClinicError(this.repository.metadata.name);
  }
}
