import 'reflect-metadata';
import { serviceReadiness } from '#messaging';
import { bootstrapService, createLogger, loadConfig, opsListenAddress, runMain } from '#platform';
import { AppModule } from './app.module.js';
import { evaluationsConfigSchema } from './config.js';

runMain('evaluations', async () => {
  const config = loadConfig(evaluationsConfigSchema);
  const logger = createLogger('evaluations', config.LOG_LEVEL);
  await bootstrapService({
    service: 'evaluations',
    module: AppModule.forRoot(config, logger),
    host: config.HOST,
    port: config.PORT,
    ops: opsListenAddress(config),
    logger,
    readiness: serviceReadiness,
  });
});
