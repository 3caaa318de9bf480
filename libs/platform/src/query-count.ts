import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counting the SQL statements a service sends, to show that a GraphQL request costs a fixed
 * number of queries however many rows it lists (no N+1). Off unless `MENTORFLOW_QUERY_COUNT=1`:
 * then every statement sent through the service's TypeORM DataSource increments
 * `mentorflow_db_queries_total`, labelled `origin="graphql"` when it was sent while serving a
 * GraphQL HTTP request and `origin="other"` otherwise (Kafka consumers, the outbox relay, the
 * clock, readiness probes), so a test reads the delta of one request on `/metrics`.
 */
export const QUERY_COUNT_ENV = 'MENTORFLOW_QUERY_COUNT';

export function queryCountingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[QUERY_COUNT_ENV] === '1' || env[QUERY_COUNT_ENV] === 'true';
}

let counter: Counter<'origin'> | undefined;

function queries(): Counter<'origin'> {
  counter ??= new Counter({
    name: 'mentorflow_db_queries_total',
    help: `SQL statements sent to the service database, by origin (only with ${QUERY_COUNT_ENV}=1)`,
    labelNames: ['origin'],
  });
  return counter;
}

const origin = new AsyncLocalStorage<'graphql'>();

/** Counts one statement, attributed to the GraphQL request being served, if any. */
export function countQuery(): void {
  queries().inc({ origin: origin.getStore() ?? 'other' });
}

/**
 * A TypeORM logger that logs nothing and counts every statement (TypeORM calls `logQuery` for
 * each one, whatever the `logging` option says).
 */
export class CountingQueryLogger implements TypeOrmLogger {
  logQuery(): void {
    countQuery();
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/**
 * Runs the handling of every `/graphql` request inside the `graphql` origin. The hook runs once
 * the body is parsed, so the whole execution (resolvers, DataLoader batches) inherits it.
 */
export function attributeGraphQLQueries(app: FastifyInstance): void {
  queries();
  app.addHook('preHandler', (request, _reply, done) => {
    const url = request.routeOptions?.url ?? request.url;
    if (url.startsWith('/graphql')) origin.run('graphql', done);
    else done();
  });
}
