import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import { eventsTopic, MentorRegisteredV1, type EventContract } from '#contracts';
import type { CloudEvent } from '#messaging';
import {
  eventually,
  expectLabelled,
  FakeClock,
  signTestToken,
  startService,
  type GqlError,
  type ServiceHarness,
} from '#testing';
import { AppModule } from '../app.module.js';
import { cohortsConfigSchema } from '../config.js';

// The world of the cohort-life specs: the cohorts service in process against the real Postgres
// and Kafka, with time in the test's hands (a FakeClock, sandbox time travel), two mentors
// registered through the mentors topic, and people of every role.

export const fieldsOf = (e: GqlError) => (e.extensions.fields ?? []).map((f) => f.field).sort();

export const M = {
  schedule: `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id onboardingChecklist { id title position } } }`,
  enroll: `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id status } }`,
  advance: `mutation ($input: AdvanceCohortClockInput!) { advanceCohortClock(input: $input) { id status currentWeek currentPhase } }`,
  checklist: `mutation ($input: SetOnboardingChecklistInput!) { setOnboardingChecklist(input: $input) { onboardingChecklist { id title position description } } }`,
  complete: `mutation ($input: CompleteOnboardingTaskInput!) { completeOnboardingTask(input: $input) {
      status onboarding { completedCount totalCount completedAt tasks { id completed } } } }`,
  talk: `mutation ($input: ScheduleTechTalkInput!) { scheduleTechTalk(input: $input) { id startsAt endsAt rsvpCount attendanceCount } }`,
  rsvp: `mutation ($input: RsvpTechTalkInput!) { rsvpTechTalk(input: $input) { id rsvpCount rsvpedByMe } }`,
  attend: `mutation ($input: RecordTalkAttendanceInput!) { recordTalkAttendance(input: $input) { id rsvpCount attendanceCount } }`,
  open: `mutation ($input: OpenPresentationSlotsInput!) { openPresentationSlots(input: $input) { id startsAt endsAt panelMentorIds panel { id name } booked } }`,
  book: `mutation ($input: BookPresentationSlotInput!) { bookPresentationSlot(input: $input) { id booked bookedByMe internId } }`,
  cancelBooking: `mutation ($input: CancelPresentationBookingInput!) { cancelPresentationBooking(input: $input) { id booked } }`,
  withdraw: `mutation ($input: WithdrawInternInput!) { withdrawIntern(input: $input) { status endedAt cohort { enrolledCount placesLeft } presentationSlot { id } } }`,
  extend: `mutation ($input: ExtendInternshipInput!) { extendInternship(input: $input) {
      status extensionWeeks extensions { weeks afterWeek source reason }
      calendar { programWeeks extensionWeeks keyDates { presentationsWeek { startsOn endsOn } finalEvaluationsDue programEnd }
        weeks { week phase extension } }
      presentationSlot { id } } }`,
};

export function internInput(cohortId: string, internId: string) {
  return {
    cohortId,
    internId,
    name: `Intern ${internId}`,
    email: `${internId}@example.com`,
    university: 'TU Berlin',
    degreeLevel: 'MASTERS',
    focusAreas: ['ranking'],
    timezone: 'Europe/Berlin',
  };
}

/** Starts the cohorts service before the file's tests and stops it after them; its helpers. */
export function cohortLifeWorld() {
  const run = randomBytes(4).toString('hex');
  const clock = new FakeClock(new Date('2027-05-20T10:00:00Z'));
  const ids = {
    pm: `pm-${run}`,
    i1: `intern-1-${run}`,
    i2: `intern-2-${run}`,
    i3: `intern-3-${run}`,
    outsider: `intern-out-${run}`,
    m1: `mentor-1-${run}`,
    m2: `mentor-2-${run}`,
  };
  type Who = keyof typeof ids;
  const tokens = {} as Record<Who, string>;
  let svc: ServiceHarness;

  beforeAll(async () => {
    svc = await startService({
      service: 'cohorts',
      name: 'cohort_life',
      configSchema: cohortsConfigSchema,
      module: (config, logger) => AppModule.forRoot(config, logger, { clock }),
      groupId: `cohorts-life-it-${run}`,
      env: {
        CLOCK_MODE: 'sandbox',
        CLOCK_TICK_MS: '0', // time moves only when the test advances a cohort
      },
      probe: [eventsTopic('cohorts')],
      producer: true,
    });
    for (const who of Object.keys(ids) as Who[]) {
      const roles =
        who === 'pm'
          ? (['PROGRAM_MANAGER'] as const)
          : who.startsWith('m')
            ? (['MENTOR'] as const)
            : (['INTERN'] as const);
      tokens[who] = await signTestToken({ sub: ids[who], roles: [...roles], name: who });
    }
    // The mentors service registers two mentors: this service learns of them from Kafka.
    for (const m of [ids.m1, ids.m2]) {
      await publish(eventsTopic('mentors'), MentorRegisteredV1, m, {
        mentorId: m,
        name: `Mentor ${m}`,
        email: `${m}@example.com`,
        team: 'Ranking',
        expertise: ['ranking'],
        timezone: 'Europe/London',
        capacity: 2,
      });
    }
    await eventually(
      async () =>
        (
          (await svc.dataSource.query(`SELECT count(*)::int AS n FROM registered_mentors WHERE mentor_id = ANY($1)`, [
            [ids.m1, ids.m2],
          ])) as {
            n: number;
          }[]
        )[0]!.n === 2,
      { timeoutMs: 60_000, what: 'the mentors projection' },
    );
  });
  afterAll(() => svc?.stop());

  /** GraphQL as one of the people (or anonymous, `null`). */
  const gql = (who: Who | null, query: string, variables: Record<string, unknown> = {}) =>
    svc.gql(query, variables, who ? tokens[who] : undefined);

  /** Runs a mutation that must succeed; returns its field. */
  async function ok(who: Who, query: string, input: Record<string, unknown>): Promise<any> {
    const res = await gql(who, query, { input });
    expectLabelled(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.values(res.data!)[0];
  }

  /** Runs a mutation that must fail; returns its error. */
  async function fails(who: Who, query: string, input: Record<string, unknown>): Promise<GqlError> {
    const res = await gql(who, query, { input });
    expectLabelled(res.errors, 'expected an error').toBeDefined();
    return res.errors![0]!;
  }

  async function publish<T>(
    topic: string,
    contract: EventContract<T>,
    key: string,
    data: T,
    event?: CloudEvent,
  ): Promise<CloudEvent> {
    if (!event) return svc.publish(contract, key, data, { topic });
    await svc.send(topic, event, key);
    return event;
  }

  async function processed(eventId: string): Promise<boolean> {
    return ((await svc.dataSource.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [eventId])) as unknown[]).length > 0;
  }

  return {
    run,
    clock,
    ids,
    tokens,
    get svc(): ServiceHarness {
      return svc;
    },
    gql,
    ok,
    fails,
    publish,
    processed,
  };
}
