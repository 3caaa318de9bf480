import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, jest } from '@jest/globals';
import { CohortScheduledV1, CohortWeekStartedV1, eventsTopic, InternEnrolledV1, type EventContract } from '#contracts';
import { addDays } from '#ddd';
import { newCloudEvent, type CloudEvent } from '#messaging';
import {
  cohortScheduledData,
  internEnrolledData,
  eventually,
  signTestToken,
  startService,
  type GqlClient,
  type GqlResponse,
  type ProbedMessage,
  type ServiceHarness,
} from '#testing';
import { AppModule } from '../app.module.js';
import { mentorsConfigSchema } from '../config.js';

// The world of the mentoring specs: the mentors service against the real Postgres (a throwaway
// database) and the real Kafka (its own consumer group), fed cohorts events published straight to
// the cohorts topic, its own events watched on the mentors topic.

/**
 * A Monday 8 to 14 days ahead (UTC): cohorts are scheduled ahead and their clock is driven by
 * events here, ahead of real time as in sandbox mode.
 */
function mondayAfterNext(): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7) + 7);
  return d.toISOString().slice(0, 10);
}
export const START = mondayAfterNext();

export const REGISTER = `mutation($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`;
export const ASSIGN = `mutation($input: AssignMentorInput!) {
  assignMentor(input: $input) { id role active cohortId assignedAt unassignedAt endReason intern { id } mentor { id placesLeft } } }`;
export const UNASSIGN = `mutation($input: UnassignMentorInput!) {
  unassignMentor(input: $input) { id role active unassignedAt endReason mentor { id placesLeft } } }`;
export const LOG = `mutation($input: LogCheckInInput!) {
  logCheckIn(input: $input) { id week occurredOn durationMinutes format progress notes privateNotes blockers actionItems
    mentor { id } intern { id } } }`;

export const codes = (r: GqlResponse): string[] => (r.errors ?? []).map((e) => e.extensions.code);

export function cohortEvent<T>(contract: EventContract<T>, data: T, subject: string): CloudEvent<T> {
  return newCloudEvent({ type: contract.type, source: '/mentorflow/cohorts', subject, data });
}

export function weekStarted(
  cohortId: string,
  week: number,
): CloudEvent<ReturnType<typeof CohortWeekStartedV1.schema.parse>> {
  const startsOn = addDays(START, (week - 1) * 7);
  return cohortEvent(
    CohortWeekStartedV1,
    { cohortId, week, startsOn, endsOn: addDays(startsOn, 6), phase: week === 1 ? 'ONBOARDING' : 'SCOPING', weeks: 12 },
    cohortId,
  );
}

export const mentorsMessages =
  (contractType: string, pred: (json: any) => boolean = () => true) =>
  (m: ProbedMessage) =>
    m.headers.ce_type === contractType && pred(m.json);

const tokens = new Map<string, string>();
export const tokenOf = async (sub: string, role: 'PROGRAM_MANAGER' | 'MENTOR' | 'INTERN'): Promise<string> => {
  const key = `${sub}/${role}`;
  if (!tokens.has(key)) tokens.set(key, await signTestToken({ sub, roles: [role] }));
  return tokens.get(key)!;
};
export const asMentor = (mentorId: string): Promise<string> => tokenOf(mentorId, 'MENTOR');
export const asIntern = (internId: string): Promise<string> => tokenOf(internId, 'INTERN');

/** Starts the mentors service before the file's tests and stops it after them; its helpers. */
export function mentoringWorld() {
  const run = randomBytes(4).toString('hex');
  const id = (name: string): string => `${name}-${run}`;
  const cohort = { main: id('cohort-main'), race: id('cohort-race'), clock: id('cohort-clock') };
  const pmId = id('pm');
  const pm = (): Promise<string> => tokenOf(pmId, 'PROGRAM_MANAGER');
  let svc: ServiceHarness;

  beforeAll(async () => {
    svc = await startService({
      service: 'mentors',
      name: 'mentoring',
      configSchema: mentorsConfigSchema,
      module: (config, logger) => AppModule.forRoot(config, logger),
      probe: [eventsTopic('mentors')],
      producer: { allowAutoTopicCreation: false },
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await svc?.stop();
  });

  const gql: GqlClient = (query, variables, caller) => svc.gql(query, variables, caller);

  async function publish(event: CloudEvent, key: string): Promise<void> {
    await svc.send(eventsTopic('cohorts'), event, key);
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = (await svc.dataSource.query(sql, params)) as { n: string }[];
    return Number(row!.n);
  }

  async function scheduleCohort(cohortId: string): Promise<void> {
    await publish(
      cohortEvent(
        CohortScheduledV1,
        cohortScheduledData(cohortId, { startDate: START, capacity: 50, scheduledBy: pmId }),
        cohortId,
      ),
      cohortId,
    );
  }

  async function enroll(
    cohortId: string,
    internId: string,
    focusAreas: string[],
    timezone = 'Europe/Berlin',
  ): Promise<void> {
    await publish(
      cohortEvent(
        InternEnrolledV1,
        internEnrolledData(cohortId, internId, { email: `${internId}@example.edu`, focusAreas, timezone }),
        cohortId,
      ),
      cohortId,
    );
  }

  async function waitForInterns(cohortId: string, n: number): Promise<void> {
    await eventually(
      async () => (await count(`SELECT count(*) AS n FROM interns WHERE cohort_id = $1`, [cohortId])) === n,
      { what: `${n} interns of ${cohortId}` },
    );
  }

  async function registerMentor(mentorId: string, overrides: Record<string, unknown> = {}): Promise<void> {
    const res = await gql(
      REGISTER,
      {
        input: {
          mentorId,
          name: `Mentor ${mentorId}`,
          email: `${mentorId.replace(/[^a-z0-9]/g, '')}@example.com`,
          team: 'Personalisation',
          expertise: ['recommender systems'],
          timezone: 'Europe/London',
          ...overrides,
        },
      },
      await pm(),
    );
    expect(res.errors).toBeUndefined();
  }

  async function assign(
    internId: string,
    mentorId: string,
    role: 'PRIMARY' | 'CO_MENTOR' = 'PRIMARY',
    replace?: boolean,
  ): Promise<GqlResponse> {
    return gql(ASSIGN, { input: { internId, mentorId, role, replace } }, await pm());
  }

  function checkInInput(internId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      internId,
      occurredOn: addDays(START, 1),
      durationMinutes: 30,
      format: 'video call',
      progress: 'ON_TRACK',
      notes: 'Good progress on the data pipeline.',
      privateNotes: `private-${run}: worried about their workload`,
      blockers: ['GPU quota'],
      actionItems: ['Ask infra for quota'],
      ...overrides,
    };
  }

  return {
    run,
    id,
    cohort,
    pmId,
    pm,
    get svc(): ServiceHarness {
      return svc;
    },
    gql,
    publish,
    count,
    scheduleCohort,
    enroll,
    waitForInterns,
    registerMentor,
    assign,
    checkInInput,
  };
}
