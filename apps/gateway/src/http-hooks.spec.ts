import { describe, expect, it } from '@jest/globals';
import { correlationIdOf, forwardedHeaders, unauthenticatedBody } from './http-hooks.js';

describe('gateway headers', () => {
  it('forwards only the bearer token and the correlation id to subgraphs', () => {
    const headers = forwardedHeaders(
      { authorization: 'Bearer abc.def.ghi', cookie: 'session=1', 'x-correlation-id': 'from-client', host: 'gateway' },
      { correlationId: 'req-42' },
    );
    expect(headers).toEqual({ authorization: 'Bearer abc.def.ghi', 'x-correlation-id': 'req-42' });
  });

  it('falls back to the incoming correlation id, and sends nothing for schema fetches', () => {
    expect(forwardedHeaders({ 'x-correlation-id': 'abc-1' }, undefined)).toEqual({ 'x-correlation-id': 'abc-1' });
    expect(forwardedHeaders({}, undefined)).toEqual({});
    expect(forwardedHeaders(undefined, undefined)).toEqual({});
  });

  it('accepts a client correlation id only when it is short and plain', () => {
    expect(correlationIdOf({ 'x-correlation-id': '7f1c2a3e-1b2c-4d5e-8f90-123456789abc' })).toBe(
      '7f1c2a3e-1b2c-4d5e-8f90-123456789abc',
    );
    expect(correlationIdOf({ 'x-correlation-id': 'bad\nid' })).toBeUndefined();
    expect(correlationIdOf({ 'x-correlation-id': 'x'.repeat(129) })).toBeUndefined();
    expect(correlationIdOf({})).toBeUndefined();
  });

  it('shapes a 401 body like a GraphQL error', () => {
    expect(unauthenticatedBody('sign in')).toEqual({
      errors: [{ message: 'sign in', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });
});
