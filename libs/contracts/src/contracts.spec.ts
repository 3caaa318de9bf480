import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { expectLabelled } from '#testing';
import * as contracts from './index.js';
import { CONTEXTS, type EventContract } from './event-contract.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Every contract file on disk: `<context>/<kebab-name>.v<N>.ts`, one event version a file. */
const files = CONTEXTS.flatMap((context) =>
  fs
    .readdirSync(path.join(HERE, context))
    .filter((f) => /\.v\d+\.ts$/.test(f) && !f.endsWith('.spec.ts'))
    .map((file) => ({ context, file })),
);

/** `mentor-assigned.v1.ts` → `MentorAssigned`, 1: what the file's name promises, read apart from the code. */
function promisedBy(file: string): { name: string; version: number } {
  const [, kebab, version] = /^(.+)\.v(\d+)\.ts$/.exec(file)!;
  return {
    name: kebab!.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase()),
    version: Number(version),
  };
}

/** Every key of an object schema, nested objects and arrays included, as dotted paths. */
function fieldPaths(schema: unknown, prefix = ''): string[] {
  const def = (
    schema as {
      def?: {
        type?: string;
        shape?: Record<string, unknown>;
        innerType?: unknown;
        element?: unknown;
        options?: unknown[];
      };
    }
  ).def;
  if (!def) return [];
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, value]) => [
        `${prefix}${key}`,
        ...fieldPaths(value, `${prefix}${key}.`),
      ]);
    case 'array':
      return fieldPaths(def.element, `${prefix}[].`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return fieldPaths(def.innerType, prefix);
    case 'union':
      return (def.options ?? []).flatMap((o) => fieldPaths(o, prefix));
    default:
      return [];
  }
}

/** Fields that hold what a mentor or intern wrote for the program staff alone. */
const PRIVATE_FIELD = /private|secret|confidential|internal[-_]?notes?/i;

const all = (Object.values(contracts) as unknown[]).filter(
  (v): v is EventContract<unknown> => typeof v === 'object' && v !== null && 'type' in v && 'schema' in v,
);

// SPEC §4: the minimum set of events each context publishes.
const SPEC_MINIMUM: Record<string, string[]> = {
  cohorts: [
    'CohortScheduled',
    'CohortStarted',
    'CohortWeekStarted',
    'CohortPhaseChanged',
    'CohortCompleted',
    'CohortCancelled',
    'InternEnrolled',
    'InternWithdrawn',
    'InternshipExtended',
    'InternTerminated',
    'InternCompleted',
    'OnboardingTaskCompleted',
    'OnboardingCompleted',
    'TechTalkScheduled',
    'TechTalkRsvped',
    'TechTalkAttended',
    'PresentationSlotOpened',
    'PresentationSlotBooked',
  ],
  mentors: ['MentorRegistered', 'MentorAssigned', 'MentorUnassigned', 'CheckInLogged', 'CheckInMissed'],
  scoping: [
    'ProjectScopeDrafted',
    'ProjectScopeSubmitted',
    'ProjectScopeChangesRequested',
    'ProjectScopeApproved',
    'ProjectScopeOverdue',
    'MilestoneReportSubmitted',
    'MilestoneReportReviewed',
    'MilestoneOverdue',
  ],
  evaluations: [
    'EvaluationSubmitted',
    'MidpointDecisionMade',
    'FinalOutcomeRecorded',
    'PresentationScored',
    'InternRiskChanged',
  ],
};

describe('event contracts', () => {
  it('cover the minimum set of SPEC §4, each under its own context', () => {
    for (const [context, names] of Object.entries(SPEC_MINIMUM)) {
      for (const name of names) {
        expectLabelled(
          all.find((c) => c.context === context && c.name === name),
          `${context}.${name}`,
        ).toBeDefined();
      }
    }
  });

  it('live one event version a file, the file named for the type it publishes', async () => {
    expect(files.length).toBe(all.length);
    for (const { context, file } of files) {
      const exported = Object.values(await import(`./${context}/${file.replace(/\.ts$/, '.js')}`)) as EventContract[];
      const { name, version } = promisedBy(file);
      expectLabelled(
        exported.map((c) => c.type),
        file,
      ).toEqual([`mentorflow.${context}.${name}.v${version}`]);
      // and the index exports that very contract
      expectLabelled(all.includes(exported[0]!), file).toBe(true);
    }
    expect(new Set(all.map((c) => c.type)).size).toBe(all.length);
  });

  it('reject data that breaks the contract, naming the field', () => {
    const result = contracts.InternEnrolledV1.schema.safeParse({
      cohortId: 'c',
      internId: 'i',
      name: 'N',
      email: 'not-an-email',
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('email');
    expect(paths).toContain('degreeLevel');
  });

  it('keep private notes and comments out of the events that leave a service, at any depth', () => {
    for (const c of all) {
      expectLabelled(
        fieldPaths(c.schema).filter((p) => PRIVATE_FIELD.test(p)),
        c.type,
      ).toEqual([]);
    }
  });

  it('see every field of a schema, nested ones too, when looking for private ones', () => {
    // The check above is only as good as this walk: it must reach the fields a contract could hide.
    const schema = z.object({
      internId: z.string(),
      review: z.object({ summary: z.string(), mentorPrivateNotes: z.string().optional() }).nullable(),
      comments: z.array(z.object({ confidentialText: z.string() })),
    });
    expect(fieldPaths(schema)).toEqual([
      'internId',
      'review',
      'review.summary',
      'review.mentorPrivateNotes',
      'comments',
      'comments.[].confidentialText',
    ]);
    expect(fieldPaths(schema).filter((p) => PRIVATE_FIELD.test(p))).toEqual([
      'review.mentorPrivateNotes',
      'comments.[].confidentialText',
    ]);
    // the contracts themselves are walked: a field every check-in event carries is found
    expect(fieldPaths(contracts.CheckInLoggedV1.schema)).toContain('blockerCount');
  });
});
