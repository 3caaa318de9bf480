import 'reflect-metadata';
import { createLogger, loadConfig, runMain } from '#platform';
import { startGatewayProcess } from './bootstrap.js';
import { gatewayConfigSchema } from './config.js';

runMain('gateway', async () => {
  const config = loadConfig(gatewayConfigSchema);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  await startGatewayProcess(config, logger);
});
