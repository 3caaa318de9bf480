import { describe, expect, it } from '@jest/globals';
import { withoutNullMembers } from './graphql-http.js';

describe('withoutNullMembers (GraphQL over HTTP: null means absent)', () => {
  it('drops operationName, variables and extensions when they are null', () => {
    expect(withoutNullMembers({ query: '{ a }', operationName: null, variables: null, extensions: null })).toEqual({
      query: '{ a }',
    });
    expect(withoutNullMembers({ query: '{ a }', extensions: null, variables: { x: 1 } })).toEqual({
      query: '{ a }',
      variables: { x: 1 },
    });
  });

  it('keeps every other member, and a body without null members as it is', () => {
    const body = { query: '{ a }', operationName: 'A', variables: { x: null }, extensions: {} };
    expect(withoutNullMembers(body)).toBe(body);
    expect(withoutNullMembers({ query: null, other: null })).toEqual({ query: null, other: null });
  });

  it('does not change the body it was given', () => {
    const body = { query: '{ a }', extensions: null };
    withoutNullMembers(body);
    expect(body).toEqual({ query: '{ a }', extensions: null });
  });

  it('applies to each request of a batch, and leaves anything that is not a request object alone', () => {
    expect(withoutNullMembers([{ query: '{ a }', extensions: null }, { query: '{ b }' }])).toEqual([
      { query: '{ a }' },
      { query: '{ b }' },
    ]);
    for (const body of [undefined, null, 'query', 42]) expect(withoutNullMembers(body)).toBe(body);
  });
});
