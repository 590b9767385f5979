import { createHash } from 'node:crypto';
import { DefaultNamingStrategy, type NamingStrategyInterface, type Table, type View } from 'typeorm';

export function snakeCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function tableName(tableOrName: Table | View | string): string {
  const name = typeof tableOrName === 'string' ? tableOrName : tableOrName.name;
  return name.split('.').pop()!;
}

/** PostgreSQL identifiers stop at 63 bytes: long names keep a readable head and a hash tail. */
function fit(name: string): string {
  if (name.length <= 63) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 54)}_${hash}`;
}

/**
 * snake_case columns and readable constraint names (`pk_users`, `uq_clinics_slug`,
 * `idx_call_logs_created_at`, `fk_users_clinic_id`) so migrations and schema tests read plainly.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snakeCase([...prefixes, customName ?? propertyName].join('_'));
  }

  override relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override primaryKeyName(table: Table | string): string {
    return fit(`pk_${tableName(table)}`);
  }

  override uniqueConstraintName(table: Table | string, columns: string[]): string {
    return fit(`uq_${tableName(table)}_${columns.join('_')}`);
  }

  override indexName(table: Table | View | string, columns: string[], where?: string): string {
    const suffix = where ? `_${createHash('sha1').update(where).digest('hex').slice(0, 6)}` : '';
    return fit(`idx_${tableName(table)}_${columns.join('_')}${suffix}`);
  }

  override foreignKeyName(table: Table | string, columns: string[]): string {
    return fit(`fk_${tableName(table)}_${columns.join('_')}`);
  }

  override relationConstraintName(table: Table | string, columns: string[]): string {
    return fit(`rel_${tableName(table)}_${columns.join('_')}`);
  }

  override defaultConstraintName(table: Table | string, column: string): string {
    return fit(`df_${tableName(table)}_${column}`);
  }

  override checkConstraintName(table: Table | string, expression: string): string {
    return fit(`chk_${tableName(table)}_${createHash('sha1').update(expression).digest('hex').slice(0, 8)}`);
  }
}
