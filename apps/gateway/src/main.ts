import 'reflect-metadata';
import { runProcess } from '#platform';
import { startGatewayProcess } from './bootstrap.js';
import { gatewayConfigSchema } from './config.js';

runProcess('gateway', gatewayConfigSchema, startGatewayProcess);
