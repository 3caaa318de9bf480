import 'reflect-metadata';
import { runService } from '#messaging';
import { AppModule } from './app.module.js';
import { mentorsConfigSchema } from './config.js';

runService({
  service: 'mentors',
  configSchema: mentorsConfigSchema,
  module: (config, logger) => AppModule.forRoot(config, logger),
});
