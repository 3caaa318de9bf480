import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from '#ddd';

/** Provides the service's time source to every module (tests may override CLOCK). */
@Global()
@Module({ providers: [{ provide: CLOCK, useValue: systemClock }], exports: [CLOCK] })
export class ClockModule {}
