import {
  cohortCalendar,
  internCalendar,
  internWeekOf,
  weekEndsOn,
  type ExtensionGrant,
  type KeyDates,
} from '#calendar';
import type { CohortSnapshot } from '../../cohorts/domain/cohort.js';
import type { CalendarMilestone } from '../domain/milestone-revisions.js';
import { addMinutes } from '../../shared/domain/instants.js';
import { slotEndsAt, type PresentationSlotSnapshot } from '../../presentations/domain/presentation-slot.js';
import { TechTalkStatus, type TechTalkSnapshot } from '../../tech-talks/domain/tech-talk.js';
import type { IcsAllDayEvent, IcsCalendar, IcsEvent } from './ics.js';

const DOMAIN = 'mentorflow';

/** The deadlines and key weeks of a calendar as all-day events (they do not block time). */
function keyDateEvents(uidPrefix: string, startDate: string, keyDates: KeyDates, cohortName: string): IcsAllDayEvent[] {
  const event = (
    key: string,
    summary: string,
    date: string,
    lastDate?: string,
    description?: string,
  ): IcsAllDayEvent => ({
    uid: `${uidPrefix}-${key}@${DOMAIN}`,
    summary: `${cohortName}: ${summary}`,
    date,
    lastDate,
    description,
    categories: ['Mentorflow', 'Deadline'],
  });
  return [
    event('start', 'program starts (onboarding week)', startDate),
    event(
      'scope-due',
      'project scope due',
      keyDates.scopeDue,
      undefined,
      'The project scope must be approved by the end of this day.',
    ),
    event(
      'midpoint',
      'midpoint evaluations',
      keyDates.midpointWindow.startsOn,
      keyDates.midpointWindow.endsOn,
      'Mentor and self midpoint evaluations are written this week.',
    ),
    event(
      'presentations',
      'final presentations week',
      keyDates.presentationsWeek.startsOn,
      keyDates.presentationsWeek.endsOn,
    ),
    event(
      'final-evaluations-due',
      'final evaluations due · program ends',
      keyDates.finalEvaluationsDue,
      undefined,
      'Final evaluations are due by the end of this day, the last day of the program.',
    ),
  ];
}

/**
 * A talk as a timed event: always with its SEQUENCE (raised when it is moved or cancelled); a
 * cancelled talk stays, same UID, as STATUS:CANCELLED with the reason, so clients that imported it
 * mark it cancelled rather than keep it.
 */
function talkEvent(talk: TechTalkSnapshot, cohortName: string, note?: string): IcsEvent {
  const cancelled = talk.status === TechTalkStatus.CANCELLED;
  const description = [
    cancelled ? `Cancelled: ${talk.cancellationReason ?? 'no reason given'}` : '',
    `Speaker: ${talk.speaker}`,
    talk.abstract ?? '',
    talk.joinUrl ? `Join: ${talk.joinUrl}` : '',
    note ?? '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    uid: `talk-${talk.id}@${DOMAIN}`,
    summary: `${cancelled ? 'Cancelled: ' : ''}Tech talk: ${talk.title}`,
    start: talk.startsAt,
    end: addMinutes(talk.startsAt, talk.durationMinutes),
    description,
    location: talk.joinUrl ?? cohortName,
    url: talk.joinUrl,
    categories: ['Mentorflow', 'Tech talk'],
    busy: true,
    sequence: talk.sequence,
    cancelled,
  };
}

function panelText(slot: PresentationSlotSnapshot, mentorNames: ReadonlyMap<string, string>): string {
  return `Panel: ${slot.panelMentorIds.map((id) => mentorNames.get(id) ?? id).join(', ')}`;
}

export interface CohortFeedInput {
  cohort: CohortSnapshot;
  talks: readonly TechTalkSnapshot[];
  slots: readonly PresentationSlotSnapshot[];
  mentorNames: ReadonlyMap<string, string>;
  /** Names of the interns who booked slots that the viewer may see; an intern left out (or null: all) is hidden. */
  internNames: ReadonlyMap<string, string> | null;
}

/** A cohort's calendar feed: its deadlines, tech talks and presentation slots. */
export function cohortFeed(input: CohortFeedInput): IcsCalendar {
  const { cohort } = input;
  const calendar = cohortCalendar(cohort.startDate, cohort.weeks, cohort.timezone);
  const slots: IcsEvent[] = input.slots.map((slot) => {
    // Named only when the viewer may see that intern (their name is in the map); else just "booked".
    const who = slot.bookedBy ? (input.internNames?.get(slot.bookedBy) ?? null) : null;
    return {
      uid: `slot-${slot.id}@${DOMAIN}`,
      summary: slot.closedAt
        ? 'Final presentation slot (closed)'
        : who
          ? `Final presentation: ${who}`
          : `Final presentation slot (${slot.bookedBy ? 'booked' : 'open'})`,
      start: slot.startsAt,
      end: slotEndsAt(slot),
      description: panelText(slot, input.mentorNames),
      location: cohort.location,
      categories: ['Mentorflow', 'Final presentation'],
      busy: true,
      // A closed slot stays, cancelled, one revision later, so that calendars drop it from the day.
      ...(slot.closedAt ? { sequence: 1, cancelled: true } : {}),
    };
  });
  return {
    name: `${cohort.name} (Mentorflow)`,
    description: `Deadlines, tech talks and final presentations of ${cohort.name}`,
    timezone: cohort.timezone,
    events: [
      ...keyDateEvents(`cohort-${cohort.id}`, cohort.startDate, calendar.keyDates, cohort.name),
      ...input.talks.map((t) => talkEvent(t, cohort.location)),
      ...slots,
    ],
  };
}

export interface InternFeedInput {
  cohort: CohortSnapshot;
  internId: string;
  internName: string;
  grants: readonly ExtensionGrant[];
  talks: readonly TechTalkSnapshot[];
  rsvped: ReadonlySet<string>;
  booking: PresentationSlotSnapshot | null;
  mentorNames: ReadonlyMap<string, string>;
  /** The milestones of the intern's approved scope (removed ones shown cancelled). */
  milestones?: readonly CalendarMilestone[];
}

/**
 * A milestone of the intern's approved scope as an all-day deadline on the last day (Sunday) of
 * the week it is due in *their* program (a cohort week moved by their extensions, as scoping
 * places it). UID per milestone; SEQUENCE is its revision (raised when a new approval moves,
 * renames or drops it; a dropped one stays, cancelled). An extension moves the date under the
 * same UID and SEQUENCE, as the intern's other deadlines.
 */
export function milestoneEvents(
  cohort: CohortSnapshot,
  grants: readonly ExtensionGrant[],
  milestones: readonly CalendarMilestone[],
): IcsAllDayEvent[] {
  return milestones.map((m) => {
    const week = internWeekOf(m.dueWeek, cohort.weeks, grants);
    return {
      uid: `milestone-${m.milestoneId}@${DOMAIN}`,
      summary: `${m.removed ? 'Cancelled: ' : ''}${cohort.name}: milestone due: ${m.title}`,
      date: weekEndsOn(cohort.startDate, week),
      description: m.removed
        ? `The milestone "${m.title}" is no longer in your approved project scope.`
        : `The milestone "${m.title}" of your project is due by the end of this day (week ${week} of your program).`,
      categories: ['Mentorflow', 'Deadline', 'Milestone'],
      sequence: m.sequence,
      cancelled: m.removed,
    };
  });
}

/**
 * An intern's own calendar feed in a cohort: their deadlines (moved by their extension), the
 * cohort's tech talks (marked when they RSVPed) and the presentation slot they booked.
 */
export function internFeed(input: InternFeedInput): IcsCalendar {
  const { cohort } = input;
  const calendar = internCalendar(cohort.startDate, cohort.weeks, cohort.timezone, input.grants);
  const events: IcsEvent[] = [
    ...keyDateEvents(`intern-${input.internId}-cohort-${cohort.id}`, cohort.startDate, calendar.keyDates, cohort.name),
    ...milestoneEvents(cohort, input.grants, input.milestones ?? []),
    ...input.talks.map((t) =>
      talkEvent(t, cohort.location, input.rsvped.has(t.id) ? 'You RSVPed to this talk.' : undefined),
    ),
  ];
  if (input.booking) {
    events.push({
      uid: `slot-${input.booking.id}@${DOMAIN}`,
      summary: 'Your final presentation',
      start: input.booking.startsAt,
      end: slotEndsAt(input.booking),
      description: panelText(input.booking, input.mentorNames),
      location: cohort.location,
      categories: ['Mentorflow', 'Final presentation'],
      busy: true,
    });
  }
  return {
    name: `${cohort.name}: ${input.internName} (Mentorflow)`,
    description:
      calendar.extensionWeeks > 0
        ? `Your program in ${cohort.name}, extended by ${calendar.extensionWeeks} week(s) to ${calendar.keyDates.programEnd}`
        : `Your program in ${cohort.name}`,
    timezone: cohort.timezone,
    events,
  };
}

export interface MenteeCheckIns {
  cohort: CohortSnapshot;
  internId: string;
  internName: string;
  grants: readonly ExtensionGrant[];
}

/**
 * A mentor's check-ins due with one mentee: one all-day event per week of the intern's own
 * program (extensions included), on the week's last day (Sunday), when the week closes and a
 * week without a check-in by any of the intern's mentors counts as missed. Not busy time: a
 * reminder, not an appointment. UID per cohort, intern and week, so a week stays the same item.
 */
export function checkInDueEvents(input: MenteeCheckIns): IcsAllDayEvent[] {
  const { cohort } = input;
  const calendar = internCalendar(cohort.startDate, cohort.weeks, cohort.timezone, input.grants);
  return calendar.weeks.map((w) => ({
    uid: `check-in-${cohort.id}-${input.internId}-week-${w.week}@${DOMAIN}`,
    summary: `${cohort.name}: check-in with ${input.internName} due (week ${w.week})`,
    date: w.endsOn,
    description: `Log a check-in with ${input.internName} for week ${w.week} (${w.startsOn} to ${w.endsOn}) by the end of this day; a check-in by any of their mentors counts.`,
    categories: ['Mentorflow', 'Check-in'],
  }));
}

/**
 * One calendar of several (a person's own feed: cohorts and their own dates): each event once
 * (by UID, the first kept), the time zone kept when they all share one. One part is returned as
 * it is; none gives an empty calendar.
 */
export function mergeCalendars(parts: readonly IcsCalendar[]): IcsCalendar {
  if (parts.length === 1) return parts[0]!;
  const seen = new Set<string>();
  const events = parts
    .flatMap((p) => p.events)
    .filter((e) => {
      if (seen.has(e.uid)) return false;
      seen.add(e.uid);
      return true;
    });
  const zones = [...new Set(parts.map((p) => p.timezone).filter((z): z is string => !!z))];
  const names = parts.map((p) => p.name.replace(/ \(Mentorflow\)$/, ''));
  return {
    name: 'Mentorflow',
    description: names.length
      ? `Your Mentorflow calendar: ${names.join(', ')}`
      : 'Nothing on your Mentorflow calendar yet',
    ...(zones.length === 1 ? { timezone: zones[0] } : {}),
    events,
  };
}
