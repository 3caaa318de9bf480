import { GraphQLError } from 'graphql';
import { describe, expect, it } from '@jest/globals';
import { testLogger } from '#testing';
import { formatGatewayExecution } from '../gateway-errors.js';
import { APPLICATION_JSON, GatewayRequestError, GRAPHQL_RESPONSE_JSON } from '../http/graphql-http.js';
import {
  checkResponseSize,
  executionTimeoutError,
  jsonByteLength,
  responseTooLargeError,
  withTimeout,
} from './execution-limits.js';

const exact = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('jsonByteLength', () => {
  it('is the UTF-8 length of JSON.stringify, without building it', () => {
    const nullPrototype = Object.assign(Object.create(null) as object, { a: 1, b: 'two' });
    const values: unknown[] = [
      null,
      true,
      false,
      0,
      -0,
      -12.5,
      1e21,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '',
      'plain ascii',
      'quotes " and \\ backslash',
      'control \n\t\u0001 chars',
      'unicode é ü — 😀',
      'lone surrogate \ud800 here',
      [],
      {},
      [1, 'two', null, undefined, () => 1, { three: 3 }],
      { a: undefined, b: () => 1, c: 'kept', d: [undefined], é: 'key', [Symbol('s')]: 1 },
      { skipped: undefined },
      { first: undefined, second: 2 },
      new Date(0),
      { when: new Date(86_400_000), nested: { deeper: [{ deepest: [[]] }] } },
      nullPrototype,
      {
        data: { __schema: { types: [{ name: 'Query', fields: [{ name: 'a', args: [] }] }] } },
        errors: [{ message: 'm', extensions: { code: 'X' } }],
      },
    ];
    for (const value of values) expect([value, jsonByteLength(value)]).toEqual([value, exact(value)]);
  });

  it('stops soon after passing the limit: the work is bounded by the limit, not by the value', () => {
    let read = 0;
    const items = Array.from({ length: 100_000 }, () => ({
      get name() {
        read++;
        return 'x'.repeat(100);
      },
    }));
    const measured = jsonByteLength({ data: { items } }, 1_000);
    expect(measured).toBeGreaterThan(1_000);
    expect(measured).toBeLessThan(1_200);
    expect(read).toBeLessThan(15);
    expect(jsonByteLength({ data: { items: items.slice(0, 3) } })).toBe(exact({ data: { items: items.slice(0, 3) } }));
  });
});

describe('checkResponseSize', () => {
  it('lets a result up to the limit through and refuses one byte more with RESPONSE_TOO_LARGE', () => {
    const execution = { data: { name: 'x'.repeat(100) } };
    const size = exact(execution);
    expect(() => checkResponseSize(execution, size)).not.toThrow();
    expect(() => checkResponseSize(execution, size - 1)).toThrow(
      expect.objectContaining({
        code: 'RESPONSE_TOO_LARGE',
        extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes: size - 1 },
      }),
    );
  });

  it('answers without data: 400 with graphql-response+json, 200 with application/json', () => {
    const error = new GraphQLError(responseTooLargeError(5_000_000).message, {
      originalError: responseTooLargeError(5_000_000),
    });
    const body = {
      errors: [
        {
          message:
            'The response would be larger than the limit of 5000000 bytes: ask for fewer fields or smaller pages',
          extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes: 5_000_000 },
        },
      ],
    };
    expect(formatGatewayExecution({ errors: [error] }, testLogger(), { mediaType: GRAPHQL_RESPONSE_JSON })).toEqual({
      statusCode: 400,
      response: body,
    });
    expect(formatGatewayExecution({ errors: [error] }, testLogger(), { mediaType: APPLICATION_JSON })).toEqual({
      statusCode: 200,
      response: body,
    });
  });
});

describe('withTimeout', () => {
  it('passes on what finishes in time', async () => {
    await expect(withTimeout(Promise.resolve('done'), 50)).resolves.toBe('done');
    await expect(withTimeout(Promise.reject(new Error('own error')), 50)).rejects.toThrow('own error');
  });

  it('refuses what takes longer with EXECUTION_TIMEOUT, without waiting for it', async () => {
    let finish: (v: string) => void = () => undefined;
    const slow = new Promise<string>((resolve) => {
      finish = resolve;
    });
    const started = Date.now();
    const error = await withTimeout(slow, 30).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(GatewayRequestError);
    expect(error).toMatchObject({ code: 'EXECUTION_TIMEOUT', status: 504, extensions: { timeoutMs: 30 } });
    finish('too late'); // dropped
  });

  it('answers 504 with a GraphQL-shaped body, whatever the media type', () => {
    const error = new GraphQLError('x', { originalError: executionTimeoutError(10_000) });
    for (const mediaType of [GRAPHQL_RESPONSE_JSON, APPLICATION_JSON] as const) {
      expect(formatGatewayExecution({ errors: [error] }, testLogger(), { mediaType })).toEqual({
        statusCode: 504,
        response: {
          errors: [
            {
              message: 'The request did not complete within 10000 ms (a mutation may still have been applied)',
              extensions: { code: 'EXECUTION_TIMEOUT', timeoutMs: 10_000 },
            },
          ],
        },
      });
    }
  });
});
