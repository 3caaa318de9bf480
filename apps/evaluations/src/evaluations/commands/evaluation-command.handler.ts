import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ICommand } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { type Clock, CLOCK } from '#ddd';
import type { InternOrmEntity } from '../../program/persistence/intern.orm-entity.js';
import { grantsOf, ProgramRepository } from '../../program/persistence/program.repository.js';
import { RubricRepository } from '../../rubrics/persistence/rubric.repository.js';
import {
  Evaluation,
  type EvaluationContent,
  type EvaluationContext,
  type EvaluationSnapshot,
} from '../domain/evaluation.js';
import {
  requireOpenWindow,
  requireOpenedWindow,
  type EvaluationCycle,
  type EvaluationWindow,
} from '../domain/evaluation-window.js';
import { EvaluationRepository } from '../persistence/evaluation.repository.js';
import { EvaluationsUnitOfWork } from './unit-of-work.js';

/**
 * What the mentor's and the intern's evaluation commands are built from, and the steps they share
 * once the caller and the input are checked: the intern's window must be open, then the author's
 * first submission or their edit is saved.
 */
@Injectable()
export abstract class EvaluationCommandHandler<C extends ICommand> {
  constructor(
    protected readonly uow: EvaluationsUnitOfWork,
    protected readonly program: ProgramRepository,
    protected readonly rubrics: RubricRepository,
    protected readonly evaluations: EvaluationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The command, as an `ICommandHandler` of it executes it. */
  abstract execute(command: C): Promise<EvaluationSnapshot>;

  /**
   * The intern's window of `cycle` is open (CONFLICT naming it otherwise); the cohort's clock row
   * stays locked until the transaction ends, so the window cannot close meanwhile.
   */
  protected async requireOpenWindow(tx: EntityManager, intern: InternOrmEntity, cycle: EvaluationCycle) {
    const { cohortId, internId } = intern;
    const clock = await this.program.lockClock(tx, cohortId);
    const known = clock ?? { cohortId, startDate: null, weeks: null, currentWeek: 0 };
    requireOpenWindow(cycle, known, grantsOf(intern), `intern ${internId}`);
  }

  /**
   * The intern's window of `cycle` has opened (open or closed since; CONFLICT naming it while it
   * is upcoming), the cohort's clock row locked like requireOpenWindow does.
   */
  protected async requireOpenedWindow(
    tx: EntityManager,
    intern: InternOrmEntity,
    cycle: EvaluationCycle,
  ): Promise<EvaluationWindow> {
    const { cohortId, internId } = intern;
    const clock = await this.program.lockClock(tx, cohortId);
    const known = clock ?? { cohortId, startDate: null, weeks: null, currentWeek: 0 };
    return requireOpenedWindow(cycle, known, grantsOf(intern), `intern ${internId}`);
  }

  /** The current time of the service's clock. */
  protected now(): Date {
    return this.clock.now();
  }

  /** The author's first submission, or their edit of `existing`: the aggregate to track. */
  protected async save(
    tx: EntityManager,
    existing: Evaluation | null,
    context: Omit<EvaluationContext, 'now'>,
    content: EvaluationContent,
  ): Promise<Evaluation> {
    const now = this.clock.now();
    if (existing) {
      existing.revise(context.authorId, content, now);
      await this.evaluations.update(tx, existing);
      return existing;
    }
    const evaluation = Evaluation.submit(randomUUID(), { ...context, now }, content);
    await this.evaluations.insert(tx, evaluation);
    return evaluation;
  }
}
