import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { ValidationError } from '#ddd';
import {
  isStorableString,
  refuseUnstorableStrings,
  UNSTORABLE_STRING_MESSAGE,
  unstorableStringArguments,
} from './string-inputs.js';

const fields = (query: string, variables?: Record<string, unknown>) =>
  unstorableStringArguments(parse(query), variables).map((v) => v.field);

describe('isStorableString', () => {
  it('refuses NUL and unpaired surrogates, accepts astral characters (paired surrogates)', () => {
    for (const bad of ['a\u0000b', '\u0000', '\ud800', 'x\udbffy', '\udc00', 'a\udfff', '\ude00\ud83d']) {
      expect(isStorableString(bad)).toBe(false);
    }
    for (const good of ['', 'plain', 'émigré', '日本語', '😀', '\ud83d\ude00', 'a😀b😀', '\u0001\uffff', '𝔘']) {
      expect(isStorableString(good)).toBe(true);
    }
  });
});

describe('unstorableStringArguments', () => {
  const SCHEDULE = 'mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }';

  it('names the argument path of a variable, through nested input objects and lists', () => {
    expect(fields(SCHEDULE, { input: { name: 'a\u0000b', startsOn: '2026-01-05' } })).toEqual(['input.name']);
    expect(fields(SCHEDULE, { input: { name: '\ud800' } })).toEqual(['input.name']);
    expect(
      fields(SCHEDULE, {
        input: { name: 'ok 😀', milestones: [{ title: 'fine' }, { title: 'x\u0000', tags: ['a', '\udc00'] }] },
      }),
    ).toEqual(['input.milestones[1].title', 'input.milestones[1].tags[1]']);
    expect(fields('query ($id: ID!) { mentor(id: $id) { id } }', { id: 'a\u0000b' })).toEqual(['id']);
  });

  it('walks literals of the document, and variables inside literal objects and lists', () => {
    // graphql-js decodes `\u0000` in a literal; lone surrogate escapes it refuses as a syntax error.
    expect(fields('{ mentor(id: "a\\u0000b") { id } }')).toEqual(['id']);
    expect(fields('mutation { f(input: { name: "ok", ids: ["1", "\\u0000"] }) }')).toEqual(['input.ids[1]']);
    expect(
      fields('mutation ($n: String, $i: ID) { f(input: { name: $n, ids: ["1", $i] }) }', { n: '\ud800', i: '\u0000' }),
    ).toEqual(['input.name', 'input.ids[1]']);
  });

  it('walks every field and directive, in fragments too, each variable at each argument using it', () => {
    const q = `query ($a: ID!, $b: String) {
      one: mentor(id: $a) { id ...F }
      two: cohort(id: $a) @include(if: true) { id }
    }
    fragment F on Mentor { talks(filter: { topic: $b }) { id } }`;
    expect(fields(q, { a: 'x\u0000', b: '\ud800' }).sort()).toEqual(['filter.topic', 'id']);
  });

  it('accepts valid strings, emoji and paired surrogates, other scalars, absent variables', () => {
    expect(fields(SCHEDULE, { input: { name: '😀 \ud83d\ude00 𝔘', capacity: 3, remote: true, note: null } })).toEqual(
      [],
    );
    expect(fields(SCHEDULE)).toEqual([]);
    expect(fields(SCHEDULE, null as unknown as undefined)).toEqual([]);
    expect(fields('{ cohorts(first: 10, status: OPEN) { totalCount } }')).toEqual([]);
    // A variable the operation never uses is no argument (and GraphQL validation refuses it anyway).
    expect(fields('query ($id: ID!) { mentor(id: "1") { id } }', { id: '\u0000', other: '\u0000' })).toEqual([]);
  });

  it('names at most 20 values', () => {
    const ids = Array.from({ length: 100 }, () => '\u0000');
    expect(fields('mutation ($ids: [ID!]!) { f(ids: $ids) }', { ids })).toHaveLength(20);
  });

  it('walks JSON scalar variables of any depth (federation representations)', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(
      fields('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [deep] }),
    ).toHaveLength(1);
    const reps = [
      { __typename: 'Mentor', id: 'ok' },
      { __typename: 'Mentor', id: '\ud800' },
    ];
    expect(fields('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: reps })).toEqual([
      'representations[1].id',
    ]);
  });
});

describe('refuseUnstorableStrings (the preExecution hook)', () => {
  it('throws the domain ValidationError: BAD_USER_INPUT with the fields', () => {
    const doc = parse('query ($id: ID!) { mentor(id: $id) { id } }');
    expect(() => refuseUnstorableStrings(undefined as never, doc, {}, { id: '1' })).not.toThrow();
    let thrown: unknown;
    try {
      refuseUnstorableStrings(undefined as never, doc, {}, { id: '\u0000' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).code).toBe('BAD_USER_INPUT');
    expect((thrown as ValidationError).violations).toEqual([{ field: 'id', message: UNSTORABLE_STRING_MESSAGE }]);
  });
});
