import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';
import { inject } from './support/system.js';
import { eventually, gql, signIn } from './support/client.js';
import { aCohort, anIntern } from './support/factories.js';

const SCHEDULE = `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`;
const ENROLL = `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id } }`;
const INTERN_EVENT = 'mentorflow.cohorts.InternEnrolled.v1';

interface LogLine {
  service: string;
  msg: string;
  correlationId?: string;
  type?: string;
}

/** The JSON lines of one app's log that carry the correlation id. */
function linesWith(app: string, correlationId: string): LogLine[] {
  const file = path.join(inject('logDir'), `${app}.log`);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes(correlationId))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LogLine];
      } catch {
        return [];
      }
    })
    .filter((l) => l.correlationId === correlationId);
}

let pm: string;

beforeAll(async () => {
  pm = await signIn('pm-e2e-correlation', 'PROGRAM_MANAGER');
});

describe('one request followed through every service it touched', () => {
  it('shows the correlation id of an enrollment in the logs of the gateway, cohorts and every consumer of its event', async () => {
    const cohort = (await gql(SCHEDULE, { input: aCohort() }, { token: pm })).data.scheduleCohort;
    const correlationId = `e2e-trace-${randomBytes(4).toString('hex')}`;
    const enrolled = await gql(
      ENROLL,
      { input: anIntern(cohort.id) },
      { token: pm, headers: { 'x-correlation-id': correlationId } },
    );
    expect(enrolled.errors).toBeUndefined();
    expect(enrolled.headers.get('x-correlation-id')).toBe(correlationId);

    const seen = await eventually(
      async () => {
        const byApp = Object.fromEntries(
          ['gateway', 'cohorts', 'mentors', 'scoping', 'evaluations'].map((app) => [
            app,
            linesWith(app, correlationId),
          ]),
        );
        const applied = (app: string) => byApp[app]!.some((l) => l.msg === 'event applied' && l.type === INTERN_EVENT);
        return byApp.gateway!.some((l) => l.msg === 'graphql request') &&
          byApp.cohorts!.some((l) => l.msg === 'event published' && l.type === INTERN_EVENT) &&
          ['mentors', 'scoping', 'evaluations'].every(applied)
          ? byApp
          : undefined;
      },
      { timeoutMs: 30000, what: `log lines with correlation id ${correlationId} in every app` },
    );
    // Each line names the app that wrote it: the id crossed the HTTP hop and the Kafka hop.
    for (const [app, lines] of Object.entries(seen)) {
      expectLabelled(
        lines.every((l) => l.service === app),
        app,
      ).toBe(true);
    }
  });
});
