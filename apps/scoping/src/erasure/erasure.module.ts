import { Module } from '@nestjs/common';
import { PersonalDataErasureProjection } from './events/personal-data-erasure.projection.js';
import { PersonalDataErasureRepository } from './persistence/personal-data-erasure.repository.js';

/** Erasure of personal data (issue 18): scoping's copies of an erased intern's or mentor's data go. */
@Module({
  providers: [PersonalDataErasureProjection, PersonalDataErasureRepository],
  exports: [PersonalDataErasureRepository],
})
export class ErasureModule {}
