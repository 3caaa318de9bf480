import { Column, PrimaryColumn, type ColumnType } from 'typeorm';

/** What a column adds to its type: null allowed or an array of the type; or part of the primary key. */
export type ColumnSettings = { nullable?: boolean; array?: boolean; primary?: false } | { primary: true };

/** `workMode` → `work_mode`: the tables name their columns in snake_case after the entity's properties. */
export function snakeCase(property: string): string {
  return property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function typedColumn(type: ColumnType) {
  return (settings: ColumnSettings = {}): PropertyDecorator =>
    (target, property) => {
      const name = snakeCase(String(property));
      if (settings.primary) return PrimaryColumn({ type, name })(target, property);
      return Column({ type, name, ...settings })(target, property);
    };
}

/**
 * TypeORM columns by Postgres type, named after their property in snake_case
 * (`@TimestampColumn({ nullable: true }) revokedAt` maps `revoked_at timestamptz NULL`), so that an
 * entity says each column's type once and never repeats its name.
 */
export const UuidColumn = typedColumn('uuid');
export const TextColumn = typedColumn('text');
export const IntColumn = typedColumn('int');
/** Postgres `date`, read back as `YYYY-MM-DD`. */
export const DateColumn = typedColumn('date');
export const TimestampColumn = typedColumn('timestamptz');

/** A row keyed by a uuid `id`, as most tables are: an entity `extends UuidRow` instead of declaring it. */
export abstract class UuidRow {
  @UuidColumn({ primary: true })
  id: string;
}
