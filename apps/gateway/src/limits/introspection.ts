import { Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import { fragmentsOf, selectedOperations } from './query-limits.js';

/** The two introspection entry points; `__typename` is not one (clients add it everywhere). */
export const SCHEMA_FIELD = '__schema';
export const TYPE_FIELD = '__type';

/** How many `__schema` and `__type` selections one operation may make: one each. */
export const MAX_INTROSPECTION_SELECTIONS = 1;

export interface IntrospectionSettings {
  NODE_ENV?: string;
  /** `true` / `false`; unset: on in development and test only. */
  GRAPHQL_INTROSPECTION?: 'true' | 'false';
}

/**
 * Whether the gateway answers `__schema` and `__type`: as GRAPHQL_INTROSPECTION says when it is
 * set, else only when NODE_ENV is `development` or `test` (`npm start`, `npm test`,
 * `npm run schema:check`). The federation itself does not need it: the gateway composes its
 * schema from each subgraph's `_service { sdl }`, which is a field of the subgraphs, not this.
 */
export function introspectionEnabled(config: IntrospectionSettings): boolean {
  if (config.GRAPHQL_INTROSPECTION !== undefined) return config.GRAPHQL_INTROSPECTION === 'true';
  return config.NODE_ENV === 'development' || config.NODE_ENV === 'test';
}

export interface IntrospectionCount {
  /** Response positions holding a `__schema` (aliases each count; the same key merged counts once). */
  schema: number;
  /** The same for `__type`. */
  type: number;
}

interface Tally {
  schemaKeys: Set<string>;
  typeKeys: Set<string>;
  /** Selections in nested selection sets (reached through a field that returns the query type). */
  nested: IntrospectionCount;
}

const empty = (): Tally => ({ schemaKeys: new Set(), typeKeys: new Set(), nested: { schema: 0, type: 0 } });

function merge(into: Tally, from: Tally): void {
  for (const k of from.schemaKeys) into.schemaKeys.add(k);
  for (const k of from.typeKeys) into.typeKeys.add(k);
  into.nested.schema += from.nested.schema;
  into.nested.type += from.nested.type;
}

/**
 * How many `__schema` and `__type` selections the operation a request runs makes (the most of
 * any operation when it is ambiguous), aliases counted, fragments and inline fragments
 * followed. Fields of one selection set with the same response key are one (GraphQL merges
 * them), so `{ ...F ...F }` is one. Works before validation, in time linear in the document: a
 * fragment is tallied once, a fragment spreading itself is followed once.
 */
export function countIntrospection(document: DocumentNode, operationName?: string | null): IntrospectionCount {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, Tally>();
  const inProgress = new Set<string>();

  const tally = (set: SelectionSetNode | undefined): Tally => {
    const out = empty();
    if (!set) return out;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (selection.name.value === SCHEMA_FIELD) out.schemaKeys.add(key);
        else if (selection.name.value === TYPE_FIELD) out.typeKeys.add(key);
        else if (selection.selectionSet) {
          const inner = tally(selection.selectionSet);
          out.nested.schema += inner.schemaKeys.size + inner.nested.schema;
          out.nested.type += inner.typeKeys.size + inner.nested.type;
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        merge(out, tally(selection.selectionSet));
      } else {
        const name = selection.name.value;
        let known = memo.get(name);
        if (!known) {
          const fragment = fragments.get(name);
          if (!fragment || inProgress.has(name)) continue;
          inProgress.add(name);
          known = tally(fragment.selectionSet);
          inProgress.delete(name);
          memo.set(name, known);
        }
        merge(out, known);
      }
    }
    return out;
  };

  const counts = selectedOperations(document, operationName).map((operation) => {
    const t = tally(operation.selectionSet);
    return { schema: t.schemaKeys.size + t.nested.schema, type: t.typeKeys.size + t.nested.type };
  });
  return {
    schema: Math.max(0, ...counts.map((c) => c.schema)),
    type: Math.max(0, ...counts.map((c) => c.type)),
  };
}

/** Whether any operation or fragment of the document selects `__schema` or `__type`, at any depth. */
export function usesIntrospection(document: DocumentNode): boolean {
  const found = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) {
        return s.name.value === SCHEMA_FIELD || s.name.value === TYPE_FIELD || found(s.selectionSet);
      }
      return s.kind === Kind.INLINE_FRAGMENT && found(s.selectionSet);
    });
  return document.definitions.some(
    (d) => (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) && found(d.selectionSet),
  );
}
