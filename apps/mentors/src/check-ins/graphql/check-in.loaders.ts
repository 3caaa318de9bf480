import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import type { CursorKey } from '#platform';
import { AssignmentRepository } from '../../assignments/persistence/assignment.repository.js';
import type { AssignmentRole } from '../../assignments/domain/assignment-role.js';
import { datesOfWeek } from '#calendar';
import type { CohortCalendar } from '../../cohorts/domain/cohort-calendar.js';
import { CohortProjectionRepository } from '../../cohorts/persistence/cohort-projection.repository.js';
import { requestLoader } from '../../graphql/request.loaders.js';
import { InternProjectionRepository } from '../../interns/persistence/intern-projection.repository.js';
import { weekState, type CheckInWeekState } from '../domain/week-status.js';
import { CheckInRepository, type CheckInPage, type StoredCheckIn } from '../persistence/check-in.repository.js';

export interface WeekStatusView {
  internId: string;
  week: number;
  cohortId: string;
  calendar: CohortCalendar | null;
  /** The intern's last program week (cohort weeks plus their extension), when the calendar is known. */
  lastWeek: number | null;
  startsOn: string | null;
  endsOn: string | null;
  state: CheckInWeekState;
  checkIns: StoredCheckIn[];
  mentors: { mentorId: string; role: AssignmentRole | null; state: CheckInWeekState }[];
}

const SEP = '\u0000';

/** Per-request, batched reads of check-ins: history pages and week statuses, for many interns at once. */
@Injectable()
export class CheckInLoaders {
  constructor(
    private readonly checkIns: CheckInRepository,
    private readonly interns: InternProjectionRepository,
    private readonly cohorts: CohortProjectionRepository,
    private readonly assignments: AssignmentRepository,
  ) {}

  /** One history page per intern; interns asked for with the same page arguments share one query. */
  pages(context: object | undefined, limit: number, after: CursorKey | undefined): DataLoader<string, CheckInPage> {
    const name = `checkIns.pages:${limit}:${after ? `${after.sort}${SEP}${after.id}` : ''}`;
    return requestLoader(context, name, async (internIds: readonly string[]) => {
      const pages = await this.checkIns.pagesForInterns(internIds, limit, after);
      return internIds.map((id) => pages.get(id)!);
    });
  }

  /** The status of (intern, week) keys, `${internId}\u0000${week}`; null for an intern not known here. */
  weekStatus(context: object | undefined): DataLoader<string, WeekStatusView | null> {
    return requestLoader(context, 'checkIns.weekStatus', (keys: readonly string[]) => this.statuses(keys));
  }

  static key(internId: string, week: number): string {
    return `${internId}${SEP}${week}`;
  }

  private async statuses(keys: readonly string[]): Promise<(WeekStatusView | null)[]> {
    const wanted = keys.map((k) => {
      const [internId, week] = k.split(SEP);
      return { internId: internId!, week: Number(week) };
    });
    const internIds = [...new Set(wanted.map((w) => w.internId))];
    const [enrollments, active] = await Promise.all([
      this.interns.latestForInterns(internIds),
      this.assignments.activeForInterns(internIds),
    ]);
    const enrollmentOf = new Map(enrollments.map((e) => [e.internId, e]));
    const calendars = new Map(
      (await this.cohorts.findByIds([...new Set(enrollments.map((e) => e.cohortId))])).map((c) => [c.cohortId, c]),
    );
    const located = wanted.flatMap((w) => {
      const e = enrollmentOf.get(w.internId);
      return e ? [{ ...w, cohortId: e.cohortId }] : [];
    });
    const [checkIns, missed] = await Promise.all([
      this.checkIns.forWeeks(located),
      this.checkIns.missedForWeeks(located),
    ]);

    return wanted.map(({ internId, week }): WeekStatusView | null => {
      const enrollment = enrollmentOf.get(internId);
      if (!enrollment) return null;
      const cohortId = enrollment.cohortId;
      const calendar = calendars.get(cohortId) ?? null;
      const inWeek = (r: { internId: string; cohortId: string; week: number | null }): boolean =>
        r.internId === internId && r.cohortId === cohortId && r.week === week;
      const weekCheckIns = checkIns.filter(inWeek);
      const weekMissed = missed.filter(inWeek);
      const activeOf = active.filter((a) => a.internId === internId && a.cohortId === cohortId);

      const mentorIds = [
        ...new Set([
          ...activeOf.map((a) => a.mentorId),
          ...weekCheckIns.map((c) => c.mentorId),
          ...weekMissed.map((m) => m.mentorId),
        ]),
      ];
      const mentors = mentorIds.map((mentorId) => ({
        mentorId,
        role: activeOf.find((a) => a.mentorId === mentorId)?.role ?? null,
        state: weekState(
          week,
          calendar,
          weekCheckIns.some((c) => c.mentorId === mentorId),
          weekMissed.some((m) => m.mentorId === mentorId),
        ),
      }));
      const dates = calendar ? datesOfWeek(calendar.startDate, week) : null;
      return {
        internId,
        week,
        cohortId,
        calendar,
        lastWeek: calendar ? calendar.weeks + enrollment.extensionWeeks : null,
        startsOn: dates?.startsOn ?? null,
        endsOn: dates?.endsOn ?? null,
        state: weekState(week, calendar, weekCheckIns.length > 0, weekMissed.length > 0),
        checkIns: weekCheckIns,
        mentors,
      };
    });
  }
}
