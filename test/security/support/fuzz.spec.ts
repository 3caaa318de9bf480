import { describe, expect, it } from '@jest/globals';
import {
  classify,
  documentFor,
  FuzzSchema,
  generateInputs,
  ONE_MB_STRING,
  poolFor,
  Rng,
  type IntrospectedType,
  type TypeRef,
} from './fuzz.js';

// The fuzzer of the security tier, on a small schema: the same inputs for the same seed, every
// strategy used, and the outcome rules.

const named = (name: string, kind = 'SCALAR'): TypeRef => ({ kind, name, ofType: null });
const nonNull = (ofType: TypeRef): TypeRef => ({ kind: 'NON_NULL', name: null, ofType });
const list = (ofType: TypeRef): TypeRef => ({ kind: 'LIST', name: null, ofType });

const TYPES: IntrospectedType[] = [
  { kind: 'SCALAR', name: 'ID' },
  { kind: 'SCALAR', name: 'String' },
  { kind: 'SCALAR', name: 'Int' },
  { kind: 'SCALAR', name: 'Boolean' },
  { kind: 'ENUM', name: 'WorkMode', enumValues: [{ name: 'REMOTE' }, { name: 'HYBRID' }] },
  {
    kind: 'INPUT_OBJECT',
    name: 'SlotInput',
    inputFields: [
      { name: 'startsAt', type: nonNull(named('String')) },
      { name: 'panelMentorIds', type: nonNull(list(nonNull(named('ID')))) },
    ],
  },
  {
    kind: 'INPUT_OBJECT',
    name: 'PlanInput',
    inputFields: [
      { name: 'cohortId', type: nonNull(named('ID')) },
      { name: 'name', type: nonNull(named('String')) },
      { name: 'capacity', type: named('Int') },
      { name: 'workMode', type: nonNull(named('WorkMode', 'ENUM')) },
      { name: 'slots', type: nonNull(list(nonNull(named('SlotInput', 'INPUT_OBJECT')))) },
    ],
  },
  { kind: 'OBJECT', name: 'Plan', fields: [{ name: 'id', type: nonNull(named('ID')) }] },
  {
    kind: 'OBJECT',
    name: 'Mutation',
    fields: [
      {
        name: 'plan',
        type: nonNull(named('Plan', 'OBJECT')),
        args: [{ name: 'input', type: nonNull(named('PlanInput', 'INPUT_OBJECT')) }],
      },
    ],
  },
];

const schema = new FuzzSchema({ mutationType: { name: 'Mutation' }, types: TYPES });
const [plan] = schema.mutations();
const ctx = { monday: '2031-06-02', pools: { cohort: ['c-1', 'c-2'], mentor: ['m-1'], any: ['x-1'] } };

describe('the fuzzer', () => {
  it('reads the mutations and writes one document per mutation', () => {
    expect(plan).toMatchObject({ name: 'plan', inputType: 'PlanInput!', selection: '{ __typename id }' });
    expect(documentFor(plan!)).toBe('mutation Fuzz($input: PlanInput!) { plan(input: $input) { __typename id } }');
  });

  it('generates the same inputs for the same seed, others for another', () => {
    const a = generateInputs(schema, plan!, ctx, { seed: 7, count: 200 });
    const b = generateInputs(schema, plan!, ctx, { seed: 7, count: 200 });
    const c = generateInputs(schema, plan!, ctx, { seed: 8, count: 200 });
    expect(a).toHaveLength(200);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('uses every strategy, ids of the world, and at most three 1 MB strings', () => {
    const inputs = generateInputs(schema, plan!, ctx, { seed: 1, count: 200 });
    const strategies = new Set(inputs.map((i) => i.label.split(/[ ;]/)[0]));
    expect([...strategies].sort()).toEqual(
      ['enum', 'extra', 'hostile', 'missing', 'multi', 'null', 'other-id', 'plausible', 'whole', 'wrong-type'].sort(),
    );
    const huge = inputs.filter((i) => JSON.stringify(i.input ?? null).includes(ONE_MB_STRING)).length;
    expect(huge).toBeGreaterThan(0);
    expect(huge).toBeLessThanOrEqual(3);
    expect(inputs.some((i) => JSON.stringify(i.input ?? null).includes('"c-2"'))).toBe(true);
    expect(inputs.some((i) => i.input === undefined || i.input === null)).toBe(true);
  });

  it('draws an ID field from the pool its name points to', () => {
    expect(poolFor('cohortId')).toBe('cohort');
    expect(poolFor('panelMentorIds')).toBe('mentor');
    expect(poolFor('ids')).toBe('any');
  });

  it('is a stable generator', () => {
    const rng = new Rng(42);
    const first = [rng.next(), rng.next(), rng.next()];
    const again = new Rng(42);
    expect([again.next(), again.next(), again.next()]).toEqual(first);
    expect(first.every((n) => n >= 0 && n < 1)).toBe(true);
  });
});

describe('classify', () => {
  const err = (code?: string, extra: Record<string, unknown> = {}) => ({
    data: null,
    errors: [{ message: 'm', extensions: code ? { code, ...extra } : undefined }],
  });

  it('accepts an answer with data, and typed refusals', () => {
    expect(classify(200, { data: { plan: { id: '1' } } }, 'plan')).toEqual({ outcome: 'ACCEPTED' });
    expect(classify(200, err('NOT_FOUND'), 'plan')).toEqual({ outcome: 'NOT_FOUND' });
    expect(classify(413, err('PAYLOAD_TOO_LARGE'), 'plan')).toEqual({ outcome: 'PAYLOAD_TOO_LARGE' });
    expect(classify(200, err('BAD_USER_INPUT', { fields: [{ field: 'name', message: 'x' }] }), 'plan')).toEqual({
      outcome: 'BAD_USER_INPUT',
    });
  });

  it('flags internal errors, 5xx, missing codes, unknown codes and BAD_USER_INPUT without a field', () => {
    expect(classify(200, err('INTERNAL_SERVER_ERROR'), 'plan').problem).toMatch(/INTERNAL_SERVER_ERROR/);
    expect(classify(502, err('BAD_GATEWAY'), 'plan').problem).toMatch(/HTTP 502/);
    expect(classify(200, err(), 'plan').problem).toMatch(/without a code/);
    expect(classify(200, err('WHATEVER'), 'plan').problem).toMatch(/unexpected code/);
    expect(classify(200, err('BAD_USER_INPUT'), 'plan').problem).toMatch(/naming no field/);
    expect(classify(200, {}, 'plan').problem).toMatch(/neither data nor errors/);
  });
});
