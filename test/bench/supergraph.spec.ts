import { describe, expect, it } from '@jest/globals';
import { asFederation2, composeSupergraph, schemaDifference, withoutFederationDefinitions } from './lib/supergraph.js';

// Two subgraphs as mercurius prints `_service { sdl }`: the federation directives defined inline,
// no schema @link, an entity extended with @extends, and a value type (PageInfo) in both.
const FEDERATION_DEFINITIONS = `
directive @shareable on FIELD_DEFINITION | OBJECT
directive @link(url: String!, import: [link__Import]) on SCHEMA
directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
directive @override(from: String!, label: String) on FIELD_DEFINITION
scalar link__Import
`;
const cohorts = `${FEDERATION_DEFINITIONS}
type PageInfo { hasNextPage: Boolean! endCursor: String }
type Cohort @key(fields: "id") { id: ID! name: String! }
type CohortPage { items: [Cohort!]! pageInfo: PageInfo! }
type Query { cohorts: CohortPage! }
`;
const mentors = `${FEDERATION_DEFINITIONS}
type PageInfo { hasNextPage: Boolean! endCursor: String }
type Cohort @key(fields: "id") @extends { id: ID! @external mentorCount: Int! }
type MentorPage { pageInfo: PageInfo! }
type Query { mentors: MentorPage! }
`;
const subgraphs = [
  { name: 'cohorts', url: 'http://127.0.0.1:1/graphql', sdl: cohorts },
  { name: 'mentors', url: 'http://127.0.0.1:2/graphql', sdl: mentors },
];

describe('the peers’ supergraph', () => {
  it('reads mercurius SDL as Federation 2: a @link instead of the inline definitions, value types shareable', () => {
    const doc = asFederation2(cohorts);
    const kinds = doc.definitions.map((d) => ('name' in d && d.name ? `${d.kind}:${d.name.value}` : d.kind));
    expect(kinds[0]).toBe('SchemaExtension');
    expect(kinds.filter((k) => k.startsWith('DirectiveDefinition'))).toEqual([]);
    expect(kinds).not.toContain('ScalarTypeDefinition:link__Import');
    const directivesOf = (name: string) =>
      doc.definitions
        .filter((d) => 'name' in d && d.name?.value === name)
        .flatMap((d) => ('directives' in d ? (d.directives ?? []).map((x) => x.name.value) : []));
    expect(directivesOf('PageInfo')).toEqual(['shareable']);
    expect(directivesOf('Cohort')).toEqual(['key']);
    expect(directivesOf('Query')).toEqual([]);
  });

  it('composes the subgraphs into a supergraph with a graph per subgraph and the union as its API', () => {
    const { supergraphSdl, apiSdl } = composeSupergraph(subgraphs);
    expect(supergraphSdl).toContain('COHORTS @join__graph(name: "cohorts", url: "http://127.0.0.1:1/graphql")');
    expect(supergraphSdl).toContain('MENTORS @join__graph(name: "mentors", url: "http://127.0.0.1:2/graphql")');
    expect(apiSdl).toContain('type Cohort {\n  id: ID!\n  mentorCount: Int!\n  name: String!\n}');
    expect(apiSdl).not.toContain('join__');
  });

  it('fails naming the conflict when the subgraphs do not compose', () => {
    const clash = mentors.replace('mentorCount: Int!', 'mentorCount: Int!\n  name: Int!');
    expect(() => composeSupergraph([subgraphs[0], { ...subgraphs[1], sdl: clash }])).toThrow(/Cohort\.name/);
  });

  it('compares client schemas without what federation leaks into them, and says what differs', () => {
    const { apiSdl } = composeSupergraph(subgraphs);
    const leaked = `${apiSdl}\nscalar _Any\nscalar link__Import\ndirective @shareable on FIELD_DEFINITION | OBJECT\n`;
    expect(withoutFederationDefinitions(leaked)).toBe(withoutFederationDefinitions(apiSdl));
    expect(schemaDifference(withoutFederationDefinitions(leaked), apiSdl).same).toBe(true);
    const other = apiSdl.replace('mentorCount: Int!', 'mentorCount: Float!');
    expect(schemaDifference(apiSdl, other)).toEqual({
      missing: ['mentorCount: Int!'],
      extra: ['mentorCount: Float!'],
      same: false,
    });
  });
});
