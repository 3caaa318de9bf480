import 'reflect-metadata';
import { serviceReadiness } from '#messaging';
import { bootstrapService, createLogger, loadConfig, opsListenAddress, runMain } from '#platform';
import { AppModule } from './app.module.js';
import { scopingConfigSchema } from './config.js';

runMain('scoping', async () => {
  const config = loadConfig(scopingConfigSchema);
  const logger = createLogger('scoping', config.LOG_LEVEL);
  await bootstrapService({
    service: 'scoping',
    module: AppModule.forRoot(config, logger),
    host: config.HOST,
    port: config.PORT,
    ops: opsListenAddress(config),
    logger,
    readiness: serviceReadiness,
  });
});
