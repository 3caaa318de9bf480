import { Command } from '@nestjs/cqrs';
import type { EffectiveRubric } from '../../persistence/rubric.repository.js';
import type { TailorRubricProps } from '../../domain/tailoring.js';

/** A program manager tailors the program or presentation rubric of one cohort. */
export class TailorRubricCommand extends Command<EffectiveRubric> {
  constructor(
    readonly input: TailorRubricProps,
    readonly tailoredBy: string,
  ) {
    super();
  }
}
