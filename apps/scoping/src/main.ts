import 'reflect-metadata';
import { runService } from '#messaging';
import { AppModule } from './app.module.js';
import { scopingConfigSchema } from './config.js';

runService({
  service: 'scoping',
  configSchema: scopingConfigSchema,
  module: (config, logger) => AppModule.forRoot(config, logger),
});
