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

/**
 * Introspection counts like any other field. The one exception is the depth of `ofType` inside
 * `__schema`/`__type`: a type reference's wrapper chain (`[Int!]!` is three levels), one object
 * per level and null past the schema's real wrapping, which every introspection client asks for
 * nine levels deep (graphql-js' `getIntrospectionQuery`, GraphiQL, `npm run schema:check`). It
 * still counts in the cost, and it cannot fan out: it is never a list.
 */
const META_FIELDS: Record<string, string> = { __schema: '__Schema', __type: '__Type' };
const TYPE_WRAPPER_FIELD = 'ofType';

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

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) map.set(d.name.value, d);
  return map;
}

/**
 * The depth of a document: the longest chain of nested fields (a root field is depth 1),
 * through fragments and inline fragments, introspection included (but for `ofType`, above).
 * Works on documents that were not validated yet: a fragment that spreads itself is followed
 * once, and each fragment is measured once (a fragment spread twice in a fragment spread twice
 * … costs no more than the document's size).
 */
export function documentDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();
  const fragmentDepth = (name: string, introspecting: boolean): number => {
    const key = `${introspecting ? 'i' : 'o'}:${name}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(key)) return 0;
    inProgress.add(key);
    const depth = depthOf(fragment.selectionSet, introspecting);
    inProgress.delete(key);
    memo.set(key, depth);
    return depth;
  };
  const depthOf = (set: SelectionSetNode | undefined, introspecting: boolean): number => {
    if (!set) return 0;
    let max = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const inside = introspecting || name in META_FIELDS;
        const own = introspecting && name === TYPE_WRAPPER_FIELD ? 0 : 1;
        max = Math.max(max, own + depthOf(selection.selectionSet, inside));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, depthOf(selection.selectionSet, introspecting));
      } else {
        max = Math.max(max, fragmentDepth(selection.name.value, introspecting));
      }
    }
    return max;
  };
  return Math.max(0, ...selectedOperations(document, operationName).map((op) => depthOf(op.selectionSet, false)));
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
 * are free: they come with their object. Introspection is no exception: `__schema` and
 * `__type` are one object each, and their lists (`types`, `fields`, `args`, …) take no page
 * size, so each multiplies by `defaultListSize`. Also reports every page size outside
 * 1..maxPageSize. Each fragment is costed once per operation and multiplied where it is spread,
 * so the work is linear in the document whatever its fragments fan out to.
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

  const fieldOf = (
    parent: GraphQLCompositeType,
    node: FieldNode,
  ): Pick<GraphQLField<unknown, unknown>, 'type' | 'args'> | undefined => {
    const meta = META_FIELDS[node.name.value];
    if (meta) {
      const type = schema.getType(meta) as GraphQLOutputType | undefined;
      return type ? { type, args: [] } : undefined;
    }
    const fields = (parent as { getFields?: () => Record<string, GraphQLField<unknown, unknown>> }).getFields;
    return typeof fields === 'function' ? fields.call(parent)[node.name.value] : undefined;
  };

  /** The cost of a selection set for one parent object; `fragmentCost` memoizes per operation. */
  const walk = (
    parent: GraphQLCompositeType,
    set: SelectionSetNode | undefined,
    path: string,
    defaults: Map<string, ValueNode>,
    fragmentCost: (name: string, parent: GraphQLCompositeType, path: string) => number,
  ): number => {
    if (!set) return 0;
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost += walk((type as GraphQLCompositeType) ?? parent, selection.selectionSet, path, defaults, fragmentCost);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        cost += fragmentCost(selection.name.value, parent, path);
        continue;
      }
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
      cost += (isList ? items : 1) + items * walk(named, selection.selectionSet, here, defaults, fragmentCost);
    }
    return cost;
  };

  let cost = 0;
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
    const memo = new Map<string, number>();
    const inProgress = new Set<string>();
    const fragmentCost = (name: string, parent: GraphQLCompositeType, path: string): number => {
      const known = memo.get(name);
      if (known !== undefined) return known;
      const fragment = fragments.get(name);
      if (!fragment || inProgress.has(name)) return 0;
      inProgress.add(name);
      const type = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
      const value = walk(type ?? parent, fragment.selectionSet, path, defaults, fragmentCost);
      inProgress.delete(name);
      memo.set(name, value);
      return value;
    };
    cost += walk(root, operation.selectionSet, '', defaults, fragmentCost);
  }
  return { cost, pageSizeViolations: violations };
}

/**
 * How many root fields a mutation operation runs (each is charged to the caller's rate limit).
 * Runs before validation: each fragment is counted once (a cycle counts nothing the second time).
 */
export function rootFieldCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();
  const count = (set: SelectionSetNode): number =>
    set.selections.reduce((n, s) => {
      if (s.kind === Kind.FIELD) return n + (s.name.value === '__typename' ? 0 : 1);
      if (s.kind === Kind.INLINE_FRAGMENT) return n + count(s.selectionSet);
      const name = s.name.value;
      const known = memo.get(name);
      if (known !== undefined) return n + known;
      const fragment = fragments.get(name);
      if (!fragment || inProgress.has(name)) return n;
      inProgress.add(name);
      const value = count(fragment.selectionSet);
      inProgress.delete(name);
      memo.set(name, value);
      return n + value;
    }, 0);
  return count(operation.selectionSet);
}

export interface FieldCount {
  /**
   * Field selections the document asks for: every field, alias and `__typename`, a fragment's
   * fields once per place it is spread (inline fragments included); at least the number of
   * fields written in the whole document (fragments not spread and other operations included:
   * validation reads them all).
   */
  fields: number;
  /** Root fields of the operation (aliases, `__typename`, fragments and inline fragments at the root included). */
  rootFields: number;
}

/**
 * Counts the fields of the operation(s) a request runs, before validation and as cheaply as the
 * depth: each fragment is counted once and multiplied where it is spread (a fragment spreading
 * itself counts nothing the second time), so the walk is linear in the document whatever its
 * fragments fan out to. For several operations (ambiguous, refused later) the largest counts.
 */
export function countFields(document: DocumentNode, operationName?: string | null): FieldCount {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, FieldCount>();
  const inProgress = new Set<string>();
  const none: FieldCount = { fields: 0, rootFields: 0 };
  const fragmentCount = (name: string): FieldCount => {
    const known = memo.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return none;
    inProgress.add(name);
    const value = countSet(fragment.selectionSet);
    inProgress.delete(name);
    memo.set(name, value);
    return value;
  };
  /** `fields`: everything below this selection set; `rootFields`: the fields at its own level. */
  const countSet = (set: SelectionSetNode | undefined): FieldCount => {
    let fields = 0;
    let rootFields = 0;
    for (const selection of set?.selections ?? []) {
      const inner =
        selection.kind === Kind.FIELD
          ? { fields: 1 + countSet(selection.selectionSet).fields, rootFields: 1 }
          : selection.kind === Kind.INLINE_FRAGMENT
            ? countSet(selection.selectionSet)
            : fragmentCount(selection.name.value);
      fields += inner.fields;
      rootFields += inner.rootFields;
    }
    return { fields, rootFields };
  };
  const written = (set: SelectionSetNode | undefined): number => {
    let n = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) n += 1 + written(selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) n += written(selection.selectionSet);
    }
    return n;
  };
  let result = { ...none };
  for (const operation of selectedOperations(document, operationName)) {
    const count = countSet(operation.selectionSet);
    result = {
      fields: Math.max(result.fields, count.fields),
      rootFields: Math.max(result.rootFields, count.rootFields),
    };
  }
  let inDocument = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION)
      inDocument += written(definition.selectionSet);
  }
  return { fields: Math.max(result.fields, inDocument), rootFields: result.rootFields };
}
