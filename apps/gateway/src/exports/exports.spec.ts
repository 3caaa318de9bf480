import fs from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '#platform';
import { gatewayConfigSchema } from '../config.js';
import { checkCost, checkDepth, checkFieldCount } from '../limits/limits-hooks.js';
import { EXPORT_PAGE_SIZE } from './export-routes.js';
import { hasReturnOffer, internRow, internsQuery, mentorNamesQuery, type InternNode } from './interns-export.js';
import { planReport, reportQuery, reportRows } from './report-export.js';

const node = (over: Partial<InternNode> = {}): InternNode => ({
  internId: 'i-1',
  status: 'COMPLETED',
  extensionWeeks: 0,
  outcome: null,
  intern: {
    name: 'Ada',
    email: 'ada@example.com',
    university: 'Uni',
    mentorAssignments: [],
    evaluations: [
      {
        cohortId: 'c-1',
        kind: 'SELF',
        cycle: 'FINAL',
        decision: null,
        returnOffer: null,
        authorId: 'i-1',
        submittedAt: '3',
      },
      {
        cohortId: 'c-1',
        kind: 'MENTOR',
        cycle: 'FINAL',
        decision: 'PASS',
        returnOffer: 'YES',
        authorId: 'm-7',
        submittedAt: '2',
      },
      {
        cohortId: 'c-1',
        kind: 'MENTOR',
        cycle: 'MIDPOINT',
        decision: 'CONTINUE',
        returnOffer: null,
        authorId: 'm-6',
        submittedAt: '4',
      },
    ],
    progress: { cohortId: 'c-1', riskLevel: 'GREEN' },
  },
  ...over,
});

describe('interns export rows', () => {
  it('without Enrollment.returnOffer in the schema: the recommendation of the FINAL mentor evaluation, no status', () => {
    const row = internRow(node(), 'c-1', new Map([['m-7', 'Grace']]));
    expect(row).toMatchObject({
      primaryMentorId: 'm-7', // the FINAL evaluation's author, though the MIDPOINT one is newer
      primaryMentorName: 'Grace',
      risk: 'GREEN',
      midpointDecision: 'CONTINUE',
      finalOutcome: 'PASS',
      returnOfferRecommendation: 'YES',
      returnOfferStatus: null,
      returnOfferDecidedAt: null,
    });
  });

  it('with it: the enrollment’s return offer, null meaning none; an active primary assignment wins', () => {
    const withOffer = node({
      returnOffer: null,
      intern: {
        ...node().intern!,
        mentorAssignments: [
          { cohortId: 'c-0', role: 'PRIMARY', active: true, mentor: { id: 'm-0', name: 'Old' } },
          { cohortId: 'c-1', role: 'CO_MENTOR', active: true, mentor: { id: 'm-2', name: 'Co' } },
          { cohortId: 'c-1', role: 'PRIMARY', active: true, mentor: { id: 'm-1', name: 'Linus' } },
        ],
      },
    });
    expect(internRow(withOffer, 'c-1', new Map())).toMatchObject({
      primaryMentorId: 'm-1',
      primaryMentorName: 'Linus',
      returnOfferRecommendation: null,
    });
  });

  it('leaves out what belongs to another cohort', () => {
    const row = internRow(node(), 'c-2', new Map());
    expect(row).toMatchObject({ risk: null, midpointDecision: null, finalOutcome: null, primaryMentorId: null });
  });

  it('asks for Enrollment.returnOffer only when the composed schema has it', () => {
    const without = buildSchema('type Query { x: Int } type Enrollment { id: ID }');
    const withIt = buildSchema(
      'type Query { x: Int } type R { status: String } type Enrollment { id: ID returnOffer: R }',
    );
    expect(hasReturnOffer(without)).toBe(false);
    expect(hasReturnOffer(withIt)).toBe(true);
    expect(internsQuery(false)).not.toContain('returnOffer {');
    expect(internsQuery(true)).toContain('returnOffer { recommendation status decidedAt }');
    expect(mentorNamesQuery(2)).toBe(
      'query ExportMentorNames($m0: ID!, $m1: ID!) { m0: mentor(id: $m0) { id name } m1: mentor(id: $m1) { id name } }',
    );
  });
});

describe('report export', () => {
  const schema = buildSchema(`
    type Query { x: Int }
    type Counts { yes: Int! rate: Float list: [Int!]! }
    type Avg { competency: String! average: Float count: Int! }
    type M { id: ID! }
    type CohortReport {
      cohortId: ID!
      interns: Int!
      offers: Counts!
      rubricAverages: [Avg!]!
      mentors: [M!]!
      byWeek(week: Int!): Int
    }
  `);

  it('reads every scalar figure, those of its objects and the rubric averages; lists and fields with arguments left out', () => {
    const plan = planReport(schema);
    expect(reportQuery(plan)).toContain(
      'cohortReport(cohortId: $cohortId) { cohortId interns offers { yes rate } rubricAverages { competency average count } }',
    );
    const rows = reportRows(plan, {
      cohortId: 'c-1',
      interns: 3,
      offers: { yes: 2, rate: null },
      rubricAverages: [{ competency: 'CODE', average: 4.25, count: 8 }],
    });
    expect(rows).toEqual([
      { metric: 'cohortId', value: 'c-1' },
      { metric: 'interns', value: 3 },
      { metric: 'offers.yes', value: 2 },
      { metric: 'offers.rate', value: null },
      { metric: 'rubricAverages.CODE.average', value: 4.25 },
      { metric: 'rubricAverages.CODE.count', value: 8 },
    ]);
  });
});

describe('the export queries against the composed schema (schema/supergraph.graphql)', () => {
  const supergraph = buildSchema(
    fs.readFileSync(new URL('../../../../schema/supergraph.graphql', import.meta.url), 'utf8'),
  );
  const config = loadConfig(gatewayConfigSchema, { NODE_ENV: 'test' });
  const limits = {
    maxDepth: config.MAX_QUERY_DEPTH,
    maxCost: config.MAX_QUERY_COST,
    maxFields: config.MAX_QUERY_FIELDS,
    maxRootFields: config.MAX_ROOT_FIELDS,
  };
  const documents: [string, string, Record<string, unknown>][] = [
    ['interns', internsQuery(hasReturnOffer(supergraph)), { cohortId: 'c', first: EXPORT_PAGE_SIZE, after: null }],
    ['mentor names', mentorNamesQuery(50), Object.fromEntries(Array.from({ length: 50 }, (_, k) => [`m${k}`, 'x']))],
    ['report', reportQuery(planReport(supergraph)), { cohortId: 'c' }],
  ];

  it.each(documents)('%s: valid, and within the gateway’s own limits', (_name, source, variables) => {
    const document = parse(source);
    expect(validate(supergraph, document)).toEqual([]);
    expect(() => checkDepth(document, limits)).not.toThrow();
    expect(() => checkFieldCount(document, limits)).not.toThrow();
    expect(() => checkCost(supergraph, document, variables, limits)).not.toThrow();
  });
});
