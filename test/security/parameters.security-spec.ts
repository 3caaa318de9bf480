import { beforeAll, describe, expect, it } from '@jest/globals';
import { signIn } from '../e2e/support/client.js';
import { bearer, codesOf, raw } from './support/http.js';

// GraphQL-over-HTTP request parameters of the wrong type are a 400 naming the parameter, never
// an internal error (found by the fuzz: `{"query": 42}` used to answer 200 INTERNAL_SERVER_ERROR).

let pm: string;

beforeAll(async () => {
  pm = await signIn('pm-security-parameters', 'PROGRAM_MANAGER');
});

describe('GraphQL over HTTP: parameters of the wrong type', () => {
  it.each([
    ['POST {"query": 42}', 'query', () => raw('POST', '/graphql', { body: '{"query": 42}', headers: bearer(pm) })],
    ['POST {"query": true}', 'query', () => raw('POST', '/graphql', { body: '{"query": true}', headers: bearer(pm) })],
    [
      'POST a string for variables',
      'variables',
      () => raw('POST', '/graphql', { body: { query: '{ __typename }', variables: 'x' }, headers: bearer(pm) }),
    ],
    [
      'GET ?query={__typename}&variables=42',
      'variables',
      () => raw('GET', `/graphql?query=${encodeURIComponent('{ __typename }')}&variables=42`, { headers: bearer(pm) }),
    ],
  ])('%s → 400 BAD_REQUEST naming %s', async (_what, parameter, send) => {
    const res = await send();
    expect(res.status).toBe(400);
    expect(codesOf(res.body)).toEqual(['BAD_REQUEST']);
    expect(res.body.errors[0].extensions.parameter).toBe(parameter);
    expect(res.body.data).toBeUndefined();
  });
});
