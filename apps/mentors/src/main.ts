import 'reflect-metadata';
import { serviceReadiness } from '#messaging';
import { bootstrapService, createLogger, loadConfig, opsListenAddress, runMain } from '#platform';
import { AppModule } from './app.module.js';
import { mentorsConfigSchema } from './config.js';

runMain('mentors', async () => {
  const config = loadConfig(mentorsConfigSchema);
  const logger = createLogger('mentors', config.LOG_LEVEL);
  await bootstrapService({
    service: 'mentors',
    module: AppModule.forRoot(config, logger),
    host: config.HOST,
    port: config.PORT,
    ops: opsListenAddress(config),
    logger,
    readiness: serviceReadiness,
  });
});
