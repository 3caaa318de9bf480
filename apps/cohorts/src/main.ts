import 'reflect-metadata';
import { serviceReadiness } from '#messaging';
import { bootstrapService, createLogger, loadConfig, opsListenAddress, runMain } from '#platform';
import { AppModule } from './app.module.js';
import { cohortsConfigSchema } from './config.js';

runMain('cohorts', async () => {
  const config = loadConfig(cohortsConfigSchema);
  const logger = createLogger('cohorts', config.LOG_LEVEL);
  await bootstrapService({
    service: 'cohorts',
    module: AppModule.forRoot(config, logger),
    host: config.HOST,
    port: config.PORT,
    ops: opsListenAddress(config),
    logger,
    readiness: serviceReadiness,
  });
});
