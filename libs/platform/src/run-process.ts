import type { Logger } from 'pino';
import type { z } from 'zod';
import { runMain } from './bootstrap.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startTracing } from './tracing/tracing.js';

/**
 * A process's `main`: reads the configuration through the schema, starts tracing (exported over
 * OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set), creates the JSON logger and starts; a configuration error is one clear line and exit code 1. The services with a database
 * and Kafka use `runService` of #messaging, which starts them through this.
 */
export function runProcess<
  S extends z.ZodType<{ LOG_LEVEL: string; OTEL_EXPORTER_OTLP_ENDPOINT?: string; OTEL_SERVICE_NAME?: string }>,
>(service: string, configSchema: S, start: (config: z.infer<S>, logger: Logger) => Promise<unknown>): void {
  runMain(service, async () => {
    const config = loadConfig(configSchema);
    // Before anything else: every request and event of the process is traced from the start.
    startTracing({ serviceName: config.OTEL_SERVICE_NAME ?? service, endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
    await start(config, createLogger(service, config.LOG_LEVEL));
  });
}
