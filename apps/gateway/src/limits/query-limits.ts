import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** Fields of the introspection system: never counted (GraphiQL's own query is deep). */
const INTROSPECTION = new Set(['__schema', '__type', '__typename']);

export interface FieldViolation {
  field: string;
  message: string;
}

/** The operations of a document a request runs: the named one, the only one, or every one when ambiguous. */
export function selectedOperations(document: DocumentNode, operationName?: string | null): OperationDefinitionNode[] {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) {
    const named = operations.filter((o) => o.name?.value === operationName);
    return named.length ? named : operations;
  }
  return operations;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) map.set(d.name.value, d);
  return map;
}

/**
 * The depth of a document: the longest chain of nested fields (a root field is depth 1),
 * through fragments and inline fragments. Works on documents that were not validated yet: a
 * fragment that spreads itself is followed once.
 */
export function documentDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = fragmentsOf(document);
  const depthOf = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (INTROSPECTION.has(selection.name.value)) continue;
        max = Math.max(max, 1 + depthOf(selection.selectionSet, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, depthOf(selection.selectionSet, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        max = Math.max(max, depthOf(fragment.selectionSet, new Set([...seen, name])));
      }
    }
    return max;
  };
  return Math.max(0, ...selectedOperations(document, operationName).map((op) => depthOf(op.selectionSet, new Set())));
}

export interface CostOptions {
  /** Page size assumed for a connection field without `first` (the services' default). */
  defaultPageSize: number;
  /** Size assumed for a list field that takes no page size (a calendar's weeks, an intern's mentors). */
  defaultListSize: number;
  /** Largest `first`/`last` a connection accepts. */
  maxPageSize: number;
}

export interface CostAnalysis {
  /** How many objects the document may resolve at most: the gateway's estimate of its work. */
  cost: number;
  /** Page sizes outside 1..maxPageSize, named `first`/`last` with where they were asked. */
  pageSizeViolations: FieldViolation[];
}

function intValue(
  node: ValueNode,
  variables: Record<string, unknown>,
  defaults: Map<string, ValueNode>,
): number | undefined {
  if (node.kind === Kind.INT) return Number.parseInt(node.value, 10);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    if (typeof value === 'number') return value;
    if (value === undefined) {
      const fallback = defaults.get(node.name.value);
      return fallback ? intValue(fallback, {}, new Map()) : undefined;
    }
  }
  return undefined;
}

const PAGE_ARGUMENTS = ['first', 'last'];

// Structural checks rather than graphql's instanceof predicates: the schema may come from
// another copy of graphql (mercurius loads it as CommonJS, a test runner may load it as ESM).
function namedTypeOf(type: GraphQLOutputType): { name: string } {
  let t = type as unknown as { ofType?: unknown; name?: string };
  while (t.ofType) t = t.ofType as typeof t;
  return t as { name: string };
}

function isListOutput(type: GraphQLOutputType): boolean {
  return String(type).replace(/!$/, '').startsWith('[');
}

function isComposite(type: unknown): type is GraphQLCompositeType {
  const t = type as { getFields?: unknown; getTypes?: unknown };
  return typeof t.getFields === 'function' || typeof t.getTypes === 'function';
}

/**
 * Estimates the cost of a validated document against the schema: every field returning an
 * object (or a list of them) counts once per item it may return; a list's items are `first`
 * (or `last`) when given, else the connection default, else `defaultListSize`; nested lists
 * multiply. Inside a connection the `edges`/`nodes` lists are the page already counted. Scalars
 * are free: they come with their object. Also reports every page size outside 1..maxPageSize.
 */
export function analyzeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  options: CostOptions,
  operationName?: string | null,
): CostAnalysis {
  const fragments = fragmentsOf(document);
  const vars = variables ?? {};
  const violations: FieldViolation[] = [];
  let cost = 0;

  const fieldOf = (parent: GraphQLCompositeType, node: FieldNode): GraphQLField<unknown, unknown> | undefined => {
    const fields = (parent as { getFields?: () => Record<string, GraphQLField<unknown, unknown>> }).getFields;
    return typeof fields === 'function' ? fields.call(parent)[node.name.value] : undefined;
  };

  const walk = (
    parent: GraphQLCompositeType,
    set: SelectionSetNode | undefined,
    multiplier: number,
    path: string,
    defaults: Map<string, ValueNode>,
    seen: ReadonlySet<string>,
  ): void => {
    if (!set) return;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        walk((type as GraphQLCompositeType) ?? parent, selection.selectionSet, multiplier, path, defaults, seen);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
        walk(
          type ?? parent,
          fragment.selectionSet,
          multiplier,
          path,
          defaults,
          new Set([...seen, fragment.name.value]),
        );
        continue;
      }
      if (INTROSPECTION.has(selection.name.value)) continue;
      const field = fieldOf(parent, selection);
      if (!field) continue;
      const here = path
        ? `${path}.${selection.alias?.value ?? selection.name.value}`
        : (selection.alias?.value ?? selection.name.value);

      let pageSize: number | undefined;
      for (const arg of selection.arguments ?? []) {
        if (!PAGE_ARGUMENTS.includes(arg.name.value)) continue;
        const value = intValue(arg.value, vars, defaults);
        if (value === undefined) continue;
        if (value < 1 || value > options.maxPageSize) {
          violations.push({
            field: arg.name.value,
            message: `must be between 1 and ${options.maxPageSize} (at ${here})`,
          });
        }
        pageSize = Math.min(Math.max(value, 0), options.maxPageSize);
      }
      const named = namedTypeOf(field.type);
      if (!isComposite(named)) continue;

      const takesPage = field.args.some((a) => PAGE_ARGUMENTS.includes(a.name));
      const isList = isListOutput(field.type);
      const insideConnection =
        parent.name.endsWith('Connection') && (selection.name.value === 'edges' || selection.name.value === 'nodes');
      let items = 1;
      if (pageSize !== undefined) items = pageSize;
      else if (takesPage) items = options.defaultPageSize;
      else if (isList && !insideConnection) items = options.defaultListSize;

      // A connection is one object; its page multiplies what is below it.
      cost += multiplier * (isList ? items : 1);
      walk(named, selection.selectionSet, multiplier * items, here, defaults, seen);
    }
  };

  for (const operation of selectedOperations(document, operationName)) {
    const root =
      operation.operation === 'query'
        ? schema.getQueryType()
        : operation.operation === 'mutation'
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    if (!root) continue;
    const defaults = new Map<string, ValueNode>();
    for (const v of operation.variableDefinitions ?? [])
      if (v.defaultValue) defaults.set(v.variable.name.value, v.defaultValue);
    walk(root, operation.selectionSet, 1, '', defaults, new Set());
  }
  return { cost, pageSizeViolations: violations };
}

/** How many root fields a mutation operation runs (each is charged to the caller's rate limit). */
export function rootFieldCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = fragmentsOf(document);
  const count = (set: SelectionSetNode, seen: ReadonlySet<string>): number =>
    set.selections.reduce((n, s) => {
      if (s.kind === Kind.FIELD) return n + (s.name.value === '__typename' ? 0 : 1);
      if (s.kind === Kind.INLINE_FRAGMENT) return n + count(s.selectionSet, seen);
      const fragment = fragments.get(s.name.value);
      return fragment && !seen.has(s.name.value)
        ? n + count(fragment.selectionSet, new Set([...seen, s.name.value]))
        : n;
    }, 0);
  return count(operation.selectionSet, new Set());
}
