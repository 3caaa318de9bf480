// The supergraph the bench's peer gateways serve: the running subgraphs' own SDL (`_service { sdl }`,
// what our gateway composes too) composed by @apollo/composition into a Federation 2 supergraph
// (with the join__ directives Hive Gateway and Apollo Gateway plan from), and its API schema
// checked against the committed schema/supergraph.graphql so that every gateway of the run
// serves the same schema.
import { composeServices } from '@apollo/composition';
import { buildASTSchema, Kind, lexicographicSortSchema, parse, printSchema } from 'graphql';

/** Federation 2 directives the subgraphs use; their own definitions of them are replaced by a @link. */
const FEDERATION_DIRECTIVES = [
  'key',
  'extends',
  'external',
  'requires',
  'provides',
  'shareable',
  'inaccessible',
  'override',
];
const FEDERATION_LINK = parse(
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${FEDERATION_DIRECTIVES.map((d) => `"@${d}"`).join(', ')}])`,
).definitions[0];

/**
 * A subgraph's SDL as Apollo composition reads Federation 2: mercurius prints the federation
 * directives' definitions (and link__Import) inline without a schema @link, which composition
 * would take for a Federation 1 subgraph redefining them; they are replaced by the @link. Value
 * types (objects without @key, like PageInfo, defined alike in several subgraphs and resolved by
 * each locally, which is how mercurius treats them) are marked @shareable, as Federation 2 wants.
 */
export function asFederation2(sdl) {
  const doc = parse(sdl);
  const definitions = doc.definitions.filter(
    (d) =>
      !(
        d.kind === Kind.DIRECTIVE_DEFINITION &&
        (FEDERATION_DIRECTIVES.includes(d.name.value) || d.name.value === 'link')
      ) && !(d.kind === Kind.SCALAR_TYPE_DEFINITION && d.name.value === 'link__Import'),
  );
  return { ...doc, definitions: [FEDERATION_LINK, ...definitions.map(shareableValueType)] };
}

const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'];
const hasDirective = (node, name) => node.directives?.some((d) => d.name.value === name);
function shareableValueType(d) {
  if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) return d;
  if (ROOT_TYPES.includes(d.name.value) || hasDirective(d, 'key') || hasDirective(d, 'shareable')) return d;
  return {
    ...d,
    directives: [
      ...(d.directives ?? []),
      { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: 'shareable' }, arguments: [] },
    ],
  };
}

/** Fetches each subgraph's SDL; `subgraphs` is [{ name, url }]. */
export async function fetchSubgraphSdl(subgraphs) {
  return Promise.all(
    subgraphs.map(async ({ name, url }) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      const body = await res.json();
      const sdl = body?.data?._service?.sdl;
      if (typeof sdl !== 'string')
        throw new Error(`${name} (${url}) gave no _service.sdl: ${JSON.stringify(body).slice(0, 300)}`);
      return { name, url, sdl };
    }),
  );
}

/**
 * Composes subgraphs ([{ name, url, sdl }]) into a supergraph; returns its SDL and its API schema
 * (what clients see) printed sorted, like the committed file. Throws with the composition errors.
 */
export function composeSupergraph(subgraphs) {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: asFederation2(sdl) })));
  if (result.errors?.length) {
    throw new Error(`supergraph composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  const api = result.schema.toAPISchema().toGraphQLJSSchema();
  return { supergraphSdl: result.supergraphSdl, apiSdl: `${printSchema(lexicographicSortSchema(api))}\n` };
}

const FEDERATION_SCALARS = ['_Any', '_FieldSet', 'link__Import'];
/**
 * A client schema's SDL without what federation leaks into it (mercurius prints the federation
 * directives and their scalars into the committed file; Apollo's API schema drops them), sorted.
 */
export function withoutFederationDefinitions(sdl) {
  const doc = parse(sdl);
  const definitions = doc.definitions.filter(
    (d) =>
      d.kind !== Kind.DIRECTIVE_DEFINITION &&
      !(d.kind === Kind.SCALAR_TYPE_DEFINITION && FEDERATION_SCALARS.includes(d.name.value)),
  );
  return `${printSchema(lexicographicSortSchema(buildASTSchema({ ...doc, definitions })))}\n`;
}

/** Lines of `actual` missing from `expected` and the other way round (a short account of a mismatch). */
export function schemaDifference(expected, actual, max = 10) {
  const a = new Set(expected.split('\n').map((l) => l.trim()));
  const b = new Set(actual.split('\n').map((l) => l.trim()));
  const missing = [...a].filter((l) => l && !b.has(l));
  const extra = [...b].filter((l) => l && !a.has(l));
  return { missing: missing.slice(0, max), extra: extra.slice(0, max), same: !missing.length && !extra.length };
}
