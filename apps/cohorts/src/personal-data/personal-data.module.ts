import { Module } from '@nestjs/common';
import { InternEraser } from './commands/intern-eraser.js';
import { EraseInternHandler } from './commands/erase-intern/erase-intern.handler.js';
import { EraseInternResolver } from './commands/erase-intern/erase-intern.resolver.js';

/**
 * Personal data (issue 18): `eraseIntern`, and the eraser the program clock's retention policy
 * shares with it. The mentors' erasures are applied by the registered-mentor projection.
 */
@Module({
  providers: [InternEraser, EraseInternHandler, EraseInternResolver],
  exports: [InternEraser],
})
export class PersonalDataModule {}
