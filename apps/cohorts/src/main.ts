import 'reflect-metadata';
import { runService } from '#messaging';
import { AppModule } from './app.module.js';
import { cohortsConfigSchema } from './config.js';

runService({
  service: 'cohorts',
  configSchema: cohortsConfigSchema,
  module: (config, logger) => AppModule.forRoot(config, logger),
});
