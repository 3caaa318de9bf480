import { describe, expect, it } from '@jest/globals';
import { requestParameterProblem, withoutNullMembers } from './graphql-http.js';

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

describe('requestParameterProblem (GraphQL over HTTP: parameters of the wrong type are a 400)', () => {
  const problem = (params: unknown, method: 'GET' | 'POST' = 'POST') => {
    const p = requestParameterProblem(params, method);
    return p && { status: p.status, code: p.code, parameter: p.extensions.parameter };
  };

  it('accepts well-typed parameters, on POST and GET, and a batch of them', () => {
    expect(problem({ query: '{ a }', operationName: 'A', variables: { x: 1 }, extensions: {} })).toBeUndefined();
    expect(problem({ query: '{ a }', variables: '{"x":1}', extensions: 'null' }, 'GET')).toBeUndefined();
    expect(problem([{ query: '{ a }' }, { query: '{ b }' }])).toBeUndefined();
  });

  it('names the parameter whose type is wrong', () => {
    expect(problem({ query: 42 })).toEqual({ status: 400, code: 'BAD_REQUEST', parameter: 'query' });
    expect(problem({ query: '{ a }', operationName: 7 })).toMatchObject({ parameter: 'operationName' });
    expect(problem({ query: '{ a }', variables: 42 })).toMatchObject({ parameter: 'variables' });
    expect(problem({ query: '{ a }', variables: [1] })).toMatchObject({ parameter: 'variables' });
    expect(problem({ query: '{ a }', extensions: 'x' })).toMatchObject({ parameter: 'extensions' });
    expect(problem({ query: '{ __typename }', variables: '42' }, 'GET')).toMatchObject({ parameter: 'variables' });
    expect(problem({ query: '{ __typename }', variables: '{nope' }, 'GET')).toMatchObject({ parameter: 'variables' });
    expect(problem([{ query: '{ a }' }, { query: true }])).toMatchObject({ parameter: 'query' });
    expect(problem(42)).toMatchObject({ parameter: 'the request' });
  });
});
