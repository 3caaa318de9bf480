import 'reflect-metadata';
import { runService } from '#messaging';
import { AppModule } from './app.module.js';
import { evaluationsConfigSchema } from './config.js';

runService({
  service: 'evaluations',
  configSchema: evaluationsConfigSchema,
  module: (config, logger) => AppModule.forRoot(config, logger),
});
