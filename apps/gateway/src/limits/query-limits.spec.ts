import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from '@jest/globals';
import { analyzeCost, documentDepth, rootFieldCount } from './query-limits.js';

const schema = buildSchema(`
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Week { week: Int! }
  type Mentor { id: ID! name: String! }
  type Intern { id: ID! name: String! mentors: [Mentor!]! }
  type Enrollment { id: ID! intern: Intern! cohort: Cohort! }
  type EnrollmentEdge { cursor: String! node: Enrollment! }
  type EnrollmentConnection { edges: [EnrollmentEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type Cohort { id: ID! weeks: [Week!]! enrollments(first: Int, after: String): EnrollmentConnection! }
  type CohortEdge { cursor: String! node: Cohort! }
  type CohortConnection { edges: [CohortEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type Query { cohort(id: ID!): Cohort cohorts(first: Int, after: String): CohortConnection! }
  type Mutation { a: Int b: Int }
`);

const options = { defaultPageSize: 20, defaultListSize: 10, maxPageSize: 100 };
const cost = (query: string, variables: Record<string, unknown> = {}) =>
  analyzeCost(schema, parse(query), variables, options);

describe('documentDepth', () => {
  it('counts nested fields, a root field being 1', () => {
    expect(documentDepth(parse('{ cohort(id: "1") { id } }'))).toBe(2);
    expect(
      documentDepth(parse('{ cohorts { edges { node { enrollments { edges { node { intern { name } } } } } } } }')),
    ).toBe(8);
  });

  it('follows fragments and inline fragments', () => {
    const doc = parse(`
      query { cohort(id: "1") { ...C } }
      fragment C on Cohort { ... on Cohort { enrollments { edges { node { id } } } } }`);
    expect(documentDepth(doc)).toBe(5);
  });

  it('survives a fragment that spreads itself (the document is not validated yet)', () => {
    expect(documentDepth(parse('{ cohort(id: "1") { ...C } } fragment C on Cohort { id ...C }'))).toBe(2);
  });

  it('measures the operation asked for', () => {
    const doc = parse(
      'query Deep { cohort(id: "1") { enrollments { totalCount } } } query Flat { cohorts { totalCount } }',
    );
    expect(documentDepth(doc, 'Flat')).toBe(2);
    expect(documentDepth(doc, 'Deep')).toBe(3);
    expect(documentDepth(doc)).toBe(3);
  });
});

describe('analyzeCost', () => {
  it('counts one per object, scalars free', () => {
    expect(cost('{ cohort(id: "1") { id } }').cost).toBe(1);
  });

  it('multiplies what is below a connection by its page size, counting edges once', () => {
    // cohorts 1 + edges 5 + node 5 + weeks 5×10
    expect(cost('{ cohorts(first: 5) { edges { node { id weeks { week } } } } }').cost).toBe(1 + 5 + 5 + 50);
    // nested pages multiply: enrollments 5 + edges 5×3 + node 15 + intern 15
    expect(
      cost('{ cohorts(first: 5) { edges { node { enrollments(first: 3) { edges { node { intern { id } } } } } } } }')
        .cost,
    ).toBe(1 + 5 + 5 + 5 + 15 + 15 + 15);
  });

  it('takes page sizes from variables and their defaults, else the connection default', () => {
    expect(cost('query ($n: Int) { cohorts(first: $n) { edges { node { id } } } }', { n: 2 }).cost).toBe(1 + 2 + 2);
    expect(cost('query ($n: Int = 3) { cohorts(first: $n) { edges { node { id } } } }').cost).toBe(1 + 3 + 3);
    expect(cost('{ cohorts { edges { node { id } } } }').cost).toBe(1 + 20 + 20);
  });

  it('follows fragments', () => {
    expect(cost('{ cohorts(first: 4) { ...C } } fragment C on CohortConnection { edges { node { id } } }').cost).toBe(
      1 + 4 + 4,
    );
  });

  it('reports every page size outside 1..100 as `first`, with where it was asked', () => {
    const result = cost(
      'query ($n: Int) { cohorts(first: 10000) { edges { node { enrollments(first: $n) { totalCount } } } } }',
      { n: 0 },
    );
    expect(result.pageSizeViolations).toEqual([
      { field: 'first', message: 'must be between 1 and 100 (at cohorts)' },
      { field: 'first', message: 'must be between 1 and 100 (at cohorts.edges.node.enrollments)' },
    ]);
  });

  it('grows fast for nested lists, which is the point', () => {
    const q =
      '{ cohorts(first: 100) { edges { node { enrollments(first: 100) { edges { node { intern { mentors { id } } } } } } } } }';
    expect(cost(q).cost).toBeGreaterThan(100_000);
  });
});

describe('rootFieldCount', () => {
  it('counts the root fields of a mutation, aliases and fragments included', () => {
    const doc = parse('mutation { a x: a ...M } fragment M on Mutation { b __typename }');
    expect(rootFieldCount(doc, getOperationAST(doc)!)).toBe(3);
  });
});
