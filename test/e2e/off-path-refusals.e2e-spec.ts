import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MidpointDecisionMadeV1, InternshipExtensionRefusedV1 } from '#contracts';
import { deadLetterTopic } from '#messaging';
import { KafkaProbe, ofType } from '#testing';
import { EventPublisher } from './support/events.js';
import { eventually, gql, signIn } from './support/client.js';
import {
  advanceCohort,
  assignMentor,
  enrollIntern,
  ok,
  registerMentor,
  scheduleCohort,
  type CohortRef,
  type Person,
} from './support/program.js';

// SPEC §7: "a business rule that refuses something is … when it is found later by another
// service, an event that users see — never only a dead letter". Evaluations refuses an EXTEND over
// the 5-week total at submission, from its own copy of the intern's extensions; a decision it
// accepted on a copy that was behind (a program manager's extension still on its way) reaches the
// cohorts service, which owns the rule. That race cannot be produced on demand through the API, so
// the accepted decision is published to the evaluations topic as the evaluations service would
// (same contract, same CloudEvents encoding). The cohorts service must refuse it with
// `InternshipExtensionRefused`, which the gateway turns into a notification for the mentor and the
// program managers; the enrollment keeps its extension and nothing is dead-lettered.

const NOTIFICATIONS = `query { notifications(first: 50) { edges { node { type title body internId } } } }`;
const ENROLLMENT = `query ($id: ID!) { intern(id: $id) { enrollments { cohortId status extensionWeeks } } }`;
const EXTEND = `mutation ($input: ExtendInternshipInput!) { extendInternship(input: $input) { id extensionWeeks } }`;

let pm: string;
let events: EventPublisher;
let probe: KafkaProbe;
let cohort: CohortRef;
let mentor: Person;
let intern: Person;

async function noticesOf(token: string, type: string): Promise<{ title: string; body: string; internId: string }[]> {
  const res = await gql(NOTIFICATIONS, {}, { token });
  return (res.data?.notifications?.edges ?? [])
    .map((e: { node: { type: string; title: string; body: string; internId: string } }) => e.node)
    .filter((n: { type: string; internId: string }) => n.type === type && n.internId === intern.id);
}

async function extensionWeeks(): Promise<number | undefined> {
  const res = await gql(ENROLLMENT, { id: intern.id }, { token: pm });
  return ok(res, 'intern').intern.enrollments.find((e: { cohortId: string }) => e.cohortId === cohort.id)
    ?.extensionWeeks;
}

beforeAll(async () => {
  pm = await signIn('pm-refusals-e2e', 'PROGRAM_MANAGER');
  events = await EventPublisher.start('mentorflow-e2e-refusals');
  probe = await KafkaProbe.start(['mentorflow.cohorts.events', deadLetterTopic('cohorts')]);
  cohort = await scheduleCohort(pm, { capacity: 4 });
  mentor = await registerMentor(pm);
  intern = await enrollIntern(pm, cohort.id, { name: 'Refused Extension Intern' });
  await assignMentor(pm, intern.id, mentor.id);
  await advanceCohort(pm, cohort.id, 6);
  ok(
    await gql(
      EXTEND,
      { input: { cohortId: cohort.id, internId: intern.id, weeks: 4, reason: 'Illness' } },
      { token: pm },
    ),
    'extendInternship',
  );
  await eventually(async () => ((await extensionWeeks()) === 4 ? true : undefined), {
    timeoutMs: 30_000,
    what: 'the extension of 4 weeks',
  });
}, 180_000);

afterAll(async () => {
  await events?.stop();
  await probe?.stop();
});

describe('a refusal found after the fact is an event users see', () => {
  it('an accepted EXTEND over the 5-week total: refused by cohorts, told to the mentor and the PMs, never dead-lettered', async () => {
    const evaluationId = randomUUID();
    const eventId = await events.publish(MidpointDecisionMadeV1, cohort.id, {
      evaluationId,
      cohortId: cohort.id,
      internId: intern.id,
      mentorId: mentor.id,
      decision: 'EXTEND',
      extensionWeeks: 2,
      revision: 1,
      recordedBy: { id: mentor.id, role: 'MENTOR' },
    });

    const [refused] = await probe.waitFor(
      (m) =>
        ofType(InternshipExtensionRefusedV1.type)(m) &&
        InternshipExtensionRefusedV1.schema.parse(m.json).evaluationId === evaluationId,
      { timeoutMs: 30_000 },
    );
    expect(InternshipExtensionRefusedV1.schema.parse(refused!.json)).toMatchObject({
      cohortId: cohort.id,
      internId: intern.id,
      mentorId: mentor.id,
      requestedWeeks: 2,
      totalExtensionWeeks: 4,
    });

    for (const [who, token] of [
      ['the mentor', mentor.token],
      ['a program manager', await signIn('pm-refusals-reader', 'PROGRAM_MANAGER')],
    ] as const) {
      const [notice] = await eventually(
        async () => {
          const found = await noticesOf(token, 'EXTENSION_REFUSED');
          return found.length > 0 ? found : undefined;
        },
        { timeoutMs: 30_000, what: `EXTENSION_REFUSED for ${who}` },
      );
      expect(notice!.body.length).toBeGreaterThan(0);
    }

    expect(await extensionWeeks()).toBe(4);
    const deadLetters = probe.messages.filter(
      (m) => m.topic === deadLetterTopic('cohorts') && JSON.stringify(m).includes(eventId),
    );
    expect(deadLetters).toEqual([]);
  });
});
