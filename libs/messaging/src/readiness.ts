import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReadinessCheck } from '#platform';
import { MessagingRuntime } from './messaging.module.js';

/** Readiness of a service with a database and Kafka: both must answer. */
export function serviceReadiness(app: INestApplicationContext): Record<string, ReadinessCheck> {
  const dataSource = app.get(DataSource);
  const messaging = app.get(MessagingRuntime);
  return {
    database: async () => {
      await dataSource.query('SELECT 1');
      return true;
    },
    kafka: async () => messaging.ready && (await messaging.kafkaReachable()),
  };
}
