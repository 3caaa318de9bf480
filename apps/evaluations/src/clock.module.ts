import { Global, Module } from '@nestjs/common';
import { EVALUATIONS_CLOCK, systemClock } from './clock.js';

/** Provides the service's time source to every module (tests may override EVALUATIONS_CLOCK). */
@Global()
@Module({ providers: [{ provide: EVALUATIONS_CLOCK, useValue: systemClock }], exports: [EVALUATIONS_CLOCK] })
export class ClockModule {}
