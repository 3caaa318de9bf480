import { Kind, visit, type DocumentNode, type GraphQLSchema, type ValueNode } from 'graphql';
import { ValidationError, type FieldViolation } from '#ddd';

/** What a refused string's violation says. */
export const UNSTORABLE_STRING_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/** At most this many violations are listed (a list of a thousand bad ids names the first few). */
const MAX_VIOLATIONS = 20;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether Postgres can store the string: no NUL (text columns refuse 0x00) and no unpaired UTF-16
 * surrogate (not valid UTF-8, refused by text and jsonb alike). Astral characters such as emoji,
 * whose surrogates come in pairs, are fine.
 */
export function isStorableString(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** A path from the argument, child to parent (shared, so deep values cost no copying). */
interface Path {
  readonly key: string | number;
  readonly parent?: Path;
}

/** `input.milestones[0].title`: the FieldViolation path convention of the domain. */
function pathText(path: Path): string {
  const keys: (string | number)[] = [];
  for (let p: Path | undefined = path; p; p = p.parent) keys.push(p.key);
  return keys
    .reverse()
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`))
    .join('');
}

/** Every string in a JSON value (a variable's value), with its path; iterative, whatever the depth. */
function* stringsInJson(value: unknown, path: Path): Generator<[string, Path]> {
  const stack: [unknown, Path][] = [[value, path]];
  while (stack.length > 0) {
    const [v, p] = stack.pop()!;
    if (typeof v === 'string') yield [v, p];
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], { key: i, parent: p }]);
    else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v).reverse()) stack.push([item, { key: k, parent: p }]);
    }
  }
}

/** Every string an argument's value holds, literal or from a variable, with its path. */
function* stringsInValue(node: ValueNode, path: Path, variables: Record<string, unknown>): Generator<[string, Path]> {
  switch (node.kind) {
    case Kind.STRING:
      yield [node.value, path];
      break;
    case Kind.VARIABLE:
      yield* stringsInJson(variables[node.name.value], path);
      break;
    case Kind.LIST:
      for (const [i, item] of node.values.entries()) yield* stringsInValue(item, { key: i, parent: path }, variables);
      break;
    case Kind.OBJECT:
      for (const field of node.fields) {
        yield* stringsInValue(field.value, { key: field.name.value, parent: path }, variables);
      }
      break;
    default:
  }
}

/**
 * The arguments of an operation (of fields and directives, in fragments too) holding a string
 * Postgres cannot store, in a literal of the document or in a variable's value (nested input
 * objects and lists included): one violation per offending value, named by its path from the
 * argument (`input.name`, `id`, `input.internIds[2]`).
 */
export function unstorableStringArguments(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const seen = new Set<string>();
  const vars = variables ?? {};
  visit(document, {
    Argument(node) {
      for (const [value, path] of stringsInValue(node.value, { key: node.name.value }, vars)) {
        if (violations.length >= MAX_VIOLATIONS) return;
        if (isStorableString(value)) continue;
        const field = pathText(path);
        if (seen.has(field)) continue;
        seen.add(field);
        violations.push({ field, message: UNSTORABLE_STRING_MESSAGE });
      }
      return false;
    },
  });
  return violations;
}

/**
 * Mercurius `preExecution` hook (SubgraphModule installs it on every subgraph): refuses, before any
 * resolver runs, an operation whose arguments hold a string Postgres cannot store, as the domain's
 * ValidationError (BAD_USER_INPUT listing the fields) rather than an INTERNAL_SERVER_ERROR from
 * the database. An id holding one cannot exist, so a read is refused the same way.
 */
export function refuseUnstorableStrings(
  _schema: GraphQLSchema,
  document: DocumentNode,
  _context: unknown,
  variables?: Record<string, unknown> | null,
): void {
  const violations = unstorableStringArguments(document, variables);
  if (violations.length > 0) throw new ValidationError(violations);
}
