import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { ensureDatabase } from './database.js';
import { CountingQueryLogger, queryCountingEnabled } from './query-count.js';

export interface ServiceDatabaseOptions {
  /** The Postgres server (DATABASE_URL); the service's own database is `database` on it. */
  serverUrl: string;
  database: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
}

/**
 * TypeORM options for a service's own database: created if missing, schema owned by the
 * service's migrations, which run at start-up (synchronize is never used).
 */
export async function serviceDataSourceOptions(options: ServiceDatabaseOptions): Promise<DataSourceOptions> {
  const url = await ensureDatabase(options.serverUrl, options.database);
  return {
    type: 'postgres',
    url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // With MENTORFLOW_QUERY_COUNT=1 every statement is counted on /metrics (see query-count.ts).
    ...(queryCountingEnabled() ? { logger: new CountingQueryLogger() } : {}),
    extra: { max: 10 },
  };
}
