import { Injectable } from '@nestjs/common';
import { hasRole } from '#auth';
import type { Identity } from '#platform';
import { CohortStatus, type CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { EnrollmentStatus, type EnrollmentSnapshot } from '../../enrollments/domain/enrollment.js';
import { canSeeBooker, isProgramManager } from '../../shared/graphql/visibility.js';
import { CalendarScopeRepository } from '../persistence/calendar-scope.repository.js';
import { CohortReadRepository } from '../../cohorts/persistence/cohort-read.repository.js';
import { MentorAssignmentRepository } from '../../mentors/persistence/mentor-assignment.repository.js';
import { ProgramReadRepository } from '../../shared/persistence/program-read.repository.js';
import { InternMilestoneRepository } from '../persistence/intern-milestone.repository.js';
import { checkInDueEvents, cohortFeed, internFeed, mergeCalendars } from './calendar-events.js';
import type { IcsCalendar, IcsEvent } from './ics.js';

/** What a mentor's own calendar shows of a cohort: only the slots of their panels, talks where they mentor. */
interface MentorView {
  panelMentorId: string;
  talksIn: ReadonlySet<string>;
}

/** Enrollments whose dates no longer concern the intern. */
const ENDED: readonly string[] = [EnrollmentStatus.WITHDRAWN, EnrollmentStatus.TERMINATED];

/**
 * Reads what the iCalendar feeds show, with the GraphQL visibility rules: a cohort's calendar as
 * a viewer may see it (the intern who booked a slot named only to those who may see that intern),
 * an intern's own calendar in a cohort, and a person's own calendar (`ownCalendar`) for the
 * calendar feeds of `createCalendarFeed`.
 */
@Injectable()
export class CalendarAssembler {
  constructor(
    private readonly cohorts: CohortReadRepository,
    private readonly program: ProgramReadRepository,
    private readonly assignments: MentorAssignmentRepository,
    private readonly scope: CalendarScopeRepository,
    private readonly milestones: InternMilestoneRepository,
  ) {}

  /** The calendars of these cohorts as `viewer` may see them (talks, slots, key dates), batched. */
  async cohortCalendars(
    viewer: Identity,
    cohorts: readonly CohortSnapshot[],
    mentorView?: MentorView,
  ): Promise<IcsCalendar[]> {
    if (cohorts.length === 0) return [];
    const ids = cohorts.map((c) => c.id);
    const [talks, slots] = await Promise.all([this.program.talkPages(ids, {}), this.program.slotPages(ids, {})]);
    if (mentorView) {
      for (const [cohortId, list] of slots) {
        slots.set(
          cohortId,
          list.filter((s) => s.panelMentorIds.includes(mentorView.panelMentorId)),
        );
      }
      for (const cohortId of talks.keys()) if (!mentorView.talksIn.has(cohortId)) talks.set(cohortId, []);
    }
    const allSlots = [...slots.values()].flat();
    const booked = [...new Set(allSlots.map((s) => s.bookedBy).filter((b): b is string => !!b))];
    const mentorsOf = isProgramManager(viewer)
      ? new Map<string, string[]>()
      : await this.assignments.activeMentorsOf(booked);
    const visible = allSlots
      .filter((s) => canSeeBooker(viewer, s, mentorsOf.get(s.bookedBy ?? '') ?? []))
      .map((s) => s.bookedBy!);
    const [latest, mentorNames] = await Promise.all([
      this.cohorts.latestEnrollmentOfInterns([...new Set(visible)]),
      this.program.mentorNames([...new Set(allSlots.flatMap((s) => s.panelMentorIds))]),
    ]);
    const internNames = new Map([...latest.values()].map((e) => [e.internId, e.name]));
    return cohorts.map((cohort) =>
      cohortFeed({
        cohort,
        talks: talks.get(cohort.id) ?? [],
        slots: slots.get(cohort.id) ?? [],
        mentorNames,
        internNames,
      }),
    );
  }

  /** An intern's own calendar in the cohort of `enrollment`: their dates (extensions included), talks, booking. */
  async internCalendar(cohort: CohortSnapshot, enrollment: EnrollmentSnapshot): Promise<IcsCalendar> {
    const { internId } = enrollment;
    const [talks, grants, bookings, milestones] = await Promise.all([
      this.program.talkPages([cohort.id], {}).then((m) => m.get(cohort.id) ?? []),
      this.program.extensions([enrollment.id]).then((m) => m.get(enrollment.id) ?? []),
      this.program.bookings([{ cohortId: cohort.id, internId }]),
      this.milestones
        .ofInterns([{ cohortId: cohort.id, internId }])
        .then((m) => m.get(`${cohort.id}/${internId}`) ?? []),
    ]);
    const booking = bookings.get(`${cohort.id}/${internId}`) ?? null;
    const [{ rsvped }, mentorNames] = await Promise.all([
      this.program.internTalkMarks(
        internId,
        talks.map((t) => t.id),
      ),
      this.program.mentorNames(booking?.panelMentorIds ?? []),
    ]);
    return internFeed({
      cohort,
      internId,
      internName: enrollment.name,
      grants,
      talks,
      rsvped,
      booking,
      mentorNames,
      milestones,
    });
  }

  /**
   * A mentor's own calendar (issue 13): the cohorts where they mentor someone now or sit on a
   * presentation panel, each with its key dates; the tech talks of the cohorts where they mentor;
   * of the presentation slots only those whose panel they sit on; and their check-ins due, one per
   * week of each current mentee's own program (extensions included, interns withdrawn or
   * terminated left out).
   */
  private async mentorCalendars(owner: Identity): Promise<IcsCalendar[]> {
    const [cohortIds, mentees] = await Promise.all([
      this.scope.cohortIdsOfMentor(owner.sub),
      this.scope.menteesOfMentor(owner.sub),
    ]);
    const cohorts = (await this.cohorts.findCohorts(cohortIds))
      .filter((c) => c.status !== CohortStatus.CANCELLED)
      .sort((a, b) => a.startDate.localeCompare(b.startDate));
    const mentoring = new Set(mentees.map((m) => m.cohortId));
    const parts = await this.cohortCalendars(owner, cohorts, { panelMentorId: owner.sub, talksIn: mentoring });
    const byId = new Map(cohorts.map((c) => [c.id, c]));
    const enrollments = await this.cohorts.enrollmentsOfInterns([...new Set(mentees.map((m) => m.internId))]);
    const ongoing = mentees.flatMap(({ cohortId, internId }) => {
      const cohort = byId.get(cohortId);
      const enrollment = (enrollments.get(internId) ?? []).find(
        (e) => e.cohortId === cohortId && !ENDED.includes(e.status),
      );
      return cohort && enrollment ? [{ cohort, enrollment }] : [];
    });
    const grants = await this.program.extensions(ongoing.map((o) => o.enrollment.id));
    const checkIns: IcsEvent[] = ongoing.flatMap(({ cohort, enrollment }) =>
      checkInDueEvents({
        cohort,
        internId: enrollment.internId,
        internName: enrollment.name,
        grants: grants.get(enrollment.id) ?? [],
      }),
    );
    if (checkIns.length > 0) {
      parts.push({
        name: 'Check-ins due (Mentorflow)',
        description: 'Your mentees’ weekly check-ins',
        events: checkIns,
      });
    }
    return parts;
  }

  /**
   * A person's own calendar, from their `sub` and roles, read again on every fetch (so it follows
   * assignments, enrollments and new cohorts):
   *  - a program manager: every cohort that was not cancelled (its key dates, talks, slots);
   *  - a mentor: see `mentorCalendars` (key dates, talks, their panels, their check-ins due);
   *  - an intern: their own calendar in each of their cohorts (not withdrawn or terminated, the
   *    cohort not cancelled), their extensions included.
   * Several roles get all of it, each event once.
   */
  async ownCalendar(owner: Identity): Promise<IcsCalendar> {
    const parts: IcsCalendar[] = [];
    if (isProgramManager(owner)) {
      parts.push(...(await this.cohortCalendars(owner, await this.scope.cohortsNotCancelled())));
    } else if (hasRole(owner, 'MENTOR')) {
      parts.push(...(await this.mentorCalendars(owner)));
    }
    if (hasRole(owner, 'INTERN')) {
      const enrollments = ((await this.cohorts.enrollmentsOfInterns([owner.sub])).get(owner.sub) ?? []).filter(
        (e) => !ENDED.includes(e.status),
      );
      const cohorts = new Map(
        (await this.cohorts.findCohorts(enrollments.map((e) => e.cohortId))).map((c) => [c.id, c]),
      );
      for (const enrollment of enrollments) {
        const cohort = cohorts.get(enrollment.cohortId);
        if (cohort && cohort.status !== CohortStatus.CANCELLED)
          parts.push(await this.internCalendar(cohort, enrollment));
      }
    }
    return mergeCalendars(parts);
  }
}
