import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CohortCompletedV1,
  CohortWeekStartedV1,
  MilestoneOverdueV1,
  ProjectScopeOverdueV1,
  type EventData,
} from '#contracts';
import {
  HandlesEvents,
  Outbox,
  outgoing,
  type ConsumedEvent,
  type IntegrationEventHandler,
  type OutgoingEvent,
} from '#messaging';
import { ProgramRepository } from '../../program/persistence/program.repository.js';
import { overdueNotices, type InternDeadlineState, type OverdueNotice } from '../domain/deadlines.js';
import type { MilestonePlan } from '../domain/scope-content.js';

type CohortWeekStarted = EventData<typeof CohortWeekStartedV1>;
type CohortCompleted = EventData<typeof CohortCompletedV1>;

interface InForceRow {
  project_id: string;
  intern_id: string;
  version: number | null;
  extension_grants_seen: number | null;
}

interface MilestoneRow {
  project_id: string;
  milestone_id: string;
  title: string;
  due_week: number;
}

/**
 * Deadlines from the cohort's clock, never from timers: when week W starts (or the cohort
 * completes), every deadline at the end of a week up to W − 1 has passed for each of its interns.
 * An overdue scope or milestone is announced once: its notice row (unique key) commits with the
 * outbox event in the inbox transaction, so neither a redelivered clock event nor a repeated one
 * (another id, a later week) announces it twice.
 */
@Injectable()
@HandlesEvents(CohortWeekStartedV1, CohortCompletedV1)
export class DeadlineWatch implements IntegrationEventHandler {
  constructor(
    private readonly programs: ProgramRepository,
    private readonly outbox: Outbox,
  ) {}

  async handle(event: ConsumedEvent<unknown>, tx: EntityManager): Promise<void> {
    let cohortId: string;
    let endedWeek: number;
    if (event.type === CohortWeekStartedV1.type) {
      const d = event.data as CohortWeekStarted;
      cohortId = d.cohortId;
      endedWeek = d.week - 1;
    } else if (event.type === CohortCompletedV1.type) {
      const d = event.data as CohortCompleted;
      cohortId = d.cohortId;
      endedWeek = d.weeks;
    } else {
      throw new Error(`DeadlineWatch does not handle ${event.type}`);
    }
    if (endedWeek < 1) return;

    const interns = await this.programs.programsOfCohort(tx, cohortId);
    if (interns.length === 0) return;
    const states = await this.deadlineStates(tx, cohortId, interns);
    const out: OutgoingEvent<unknown>[] = [];
    for (const state of states) {
      for (const notice of overdueNotices(state, endedWeek)) {
        if (await this.firstNotice(tx, notice, endedWeek, event.id)) out.push(toEvent(notice));
      }
    }
    if (out.length > 0) await this.outbox.append(tx, out);
  }

  private async deadlineStates(
    tx: EntityManager,
    cohortId: string,
    interns: Awaited<ReturnType<ProgramRepository['programsOfCohort']>>,
  ): Promise<InternDeadlineState[]> {
    const projects = (await tx.query(
      `SELECT p.id AS project_id, p.intern_id, v.version, v.extension_grants_seen
         FROM projects p
         LEFT JOIN scope_versions v ON v.project_id = p.id AND v.version = p.version_in_force
        WHERE p.cohort_id = $1`,
      [cohortId],
    )) as InForceRow[];
    const milestones = (await tx.query(
      `SELECT m.project_id, m.milestone_id, m.title, m.due_week
         FROM scope_milestones m JOIN projects p ON p.id = m.project_id AND m.version = p.version_in_force
        WHERE p.cohort_id = $1
        ORDER BY m.project_id, m.position`,
      [cohortId],
    )) as MilestoneRow[];
    const accepted = (await tx.query(
      `SELECT DISTINCT milestone_id FROM milestone_reports WHERE cohort_id = $1 AND status = 'ACCEPTED'`,
      [cohortId],
    )) as { milestone_id: string }[];
    const acceptedIds = new Set(accepted.map((a) => a.milestone_id));
    const byIntern = new Map(projects.map((p) => [p.intern_id, p]));
    return interns.map((program) => {
      const row = byIntern.get(program.internId);
      const plans: MilestonePlan[] = milestones
        .filter((m) => m.project_id === row?.project_id)
        .map((m) => ({ id: m.milestone_id, title: m.title, dueWeek: m.due_week, acceptanceCriteria: [] }));
      return {
        internId: program.internId,
        cohortId,
        active: program.status === 'ENROLLED',
        grants: program.grants,
        project: row
          ? {
              id: row.project_id,
              inForce:
                row.version === null
                  ? undefined
                  : { version: row.version, extensionGrantsSeen: row.extension_grants_seen ?? 0, milestones: plans },
            }
          : null,
        acceptedMilestoneIds: acceptedIds,
      };
    });
  }

  /** Records the notice; false when it was announced before. */
  private async firstNotice(
    tx: EntityManager,
    notice: OverdueNotice,
    endedWeek: number,
    causedBy: string,
  ): Promise<boolean> {
    const inserted = (await tx.query(
      `INSERT INTO deadline_notices
         (kind, subject, cohort_id, intern_id, project_id, milestone_id, due_week, noticed_in_week, caused_by, noticed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (kind, subject) DO NOTHING RETURNING subject`,
      [
        notice.kind,
        notice.subject,
        notice.cohortId,
        notice.internId,
        notice.projectId,
        notice.kind === 'MILESTONE' ? notice.milestoneId : null,
        notice.dueWeek,
        endedWeek,
        causedBy,
      ],
    )) as unknown[];
    return inserted.length === 1;
  }
}

function toEvent(notice: OverdueNotice): OutgoingEvent<unknown> {
  if (notice.kind === 'SCOPE') {
    return outgoing(ProjectScopeOverdueV1, notice.projectId ?? notice.internId, {
      cohortId: notice.cohortId,
      internId: notice.internId,
      projectId: notice.projectId,
      dueWeek: notice.dueWeek,
    }) as OutgoingEvent<unknown>;
  }
  return outgoing(MilestoneOverdueV1, notice.projectId, {
    milestoneId: notice.milestoneId,
    projectId: notice.projectId,
    cohortId: notice.cohortId,
    internId: notice.internId,
    dueWeek: notice.dueWeek,
  }) as OutgoingEvent<unknown>;
}
