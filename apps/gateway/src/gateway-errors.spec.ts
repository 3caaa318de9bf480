import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from '@jest/globals';
import { ConflictError } from '#ddd';
import {
  describeGatewayError,
  formatGatewayExecution,
  SERVICE_UNAVAILABLE_MESSAGE,
  subgraphUnavailableMessage,
} from './gateway-errors.js';
import { GatewayRequestError } from './http/graphql-http.js';
import { FAILED_SUBGRAPH } from './subgraphs.js';

const logger = pino({ level: 'silent' });

/** What @mercuriusjs/gateway throws when a subgraph call fails (its FederatedError). */
class FederatedError extends Error {
  extensions: { errors: unknown[] };
  constructor(errors: unknown[]) {
    super('Symbol(FEDERATED_ERROR)');
    this.extensions = { errors };
  }
}

/** The GraphQLError graphql-js makes of an error thrown in a gateway resolver. */
function located(original: Error, path: (string | number)[]): GraphQLError {
  return new GraphQLError(original.message, { path, originalError: original });
}

describe('formatGatewayExecution', () => {
  it('keeps a subgraph error’s message and code, with BAD_USER_INPUT fields, and drops the sub-query locations', () => {
    const federated = new FederatedError([
      {
        message: 'capacity: must be at least 1',
        locations: [{ line: 3, column: 5 }],
        path: ['scheduleCohort'],
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'capacity', message: 'must be at least 1' }] },
      },
    ]);
    const result = formatGatewayExecution({ data: null, errors: [located(federated, ['scheduleCohort'])] }, logger);
    expect(result).toEqual({
      statusCode: 200,
      response: {
        data: null,
        errors: [
          {
            message: 'capacity: must be at least 1',
            path: ['scheduleCohort'],
            extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'capacity', message: 'must be at least 1' }] },
          },
        ],
      },
    });
  });

  it('expands several subgraph errors of one call', () => {
    const federated = new FederatedError([
      { message: 'cohort is full', path: ['enrollIntern'], extensions: { code: 'CONFLICT' } },
      { message: 'nope', path: ['other'], extensions: { code: 'FORBIDDEN' } },
    ]);
    const { response } = formatGatewayExecution({ data: null, errors: [located(federated, ['enrollIntern'])] }, logger);
    expect(response.errors.map((e) => [e.extensions.code, e.path])).toEqual([
      ['CONFLICT', ['enrollIntern']],
      ['FORBIDDEN', ['other']],
    ]);
  });

  it('forwards errors a subgraph returned next to data (mercurius adds them as plain objects)', () => {
    const plain = { message: 'Cohort c-9 was not found', path: ['cohort'], extensions: { code: 'NOT_FOUND' } };
    const wrapped = new GraphQLError(plain.message, {
      path: plain.path,
      originalError: plain as unknown as Error,
      extensions: plain.extensions,
    });
    const { response } = formatGatewayExecution({ data: { cohort: null }, errors: [wrapped] }, logger);
    expect(response).toEqual({
      data: { cohort: null },
      errors: [{ message: 'Cohort c-9 was not found', path: ['cohort'], extensions: { code: 'NOT_FOUND' } }],
    });
  });

  it('never passes on stack traces, and hides errors without a code', () => {
    const federated = new FederatedError([
      {
        message: 'stale version',
        extensions: { code: 'CONFLICT', exception: { stacktrace: ['at x (/srv/app.js:1:1)'] }, stacktrace: ['…'] },
      },
      { message: 'TypeError: cannot read x of undefined at /srv/app.js:1:1' },
    ]);
    const { response } = formatGatewayExecution(
      { data: null, errors: [located(federated, ['approveProjectScope'])] },
      logger,
    );
    expect(response.errors).toEqual([
      { message: 'stale version', path: ['approveProjectScope'], extensions: { code: 'CONFLICT' } },
      {
        message: 'Internal server error',
        path: ['approveProjectScope'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(response)).not.toContain('/srv/app.js');
  });

  it('points an error inside an entity query at the client’s field, not at _entities', () => {
    const federated = new FederatedError([
      { message: 'no', path: ['_entities', 0, 'mentors'], extensions: { code: 'FORBIDDEN' } },
    ]);
    const { response } = formatGatewayExecution(
      { data: { cohort: { mentors: null } }, errors: [located(federated, ['cohort', 'mentors'])] },
      logger,
    );
    expect(response.errors[0]).toEqual({
      message: 'no',
      path: ['cohort', 'mentors'],
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('reports an unreachable subgraph as SERVICE_UNAVAILABLE without its network details', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:4001'), { code: 'ECONNREFUSED' });
    const { response } = formatGatewayExecution(
      { data: null, errors: [located(new FederatedError([refused]), ['cohorts'])] },
      logger,
    );
    expect(response.errors).toEqual([
      { message: SERVICE_UNAVAILABLE_MESSAGE, path: ['cohorts'], extensions: { code: 'SERVICE_UNAVAILABLE' } },
    ]);
  });

  it('names the subgraph that did not answer (SUBGRAPH_UNAVAILABLE) on the paths it serves, next to the data of the others', () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const failed = Object.assign(new FederatedError([reset]), { [FAILED_SUBGRAPH]: 'mentors' });
    const { statusCode, response } = formatGatewayExecution(
      {
        data: { intern: { name: 'Ada', mentoringProfile: null }, mentor: null },
        errors: [located(failed, ['intern', 'mentoringProfile']), located(failed, ['mentor'])],
      },
      logger,
    );
    expect(statusCode).toBe(200);
    expect(response).toEqual({
      data: { intern: { name: 'Ada', mentoringProfile: null }, mentor: null },
      errors: [
        {
          message: subgraphUnavailableMessage('mentors'),
          path: ['intern', 'mentoringProfile'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'mentors' },
        },
        {
          message: subgraphUnavailableMessage('mentors'),
          path: ['mentor'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'mentors' },
        },
      ],
    });
    expect(subgraphUnavailableMessage('mentors')).toMatch(/^The mentors service did not answer/);
  });

  it('keeps a named subgraph’s own errors as they are: it answered', () => {
    const failed = Object.assign(
      new FederatedError([{ message: 'no', path: ['mentor'], extensions: { code: 'FORBIDDEN' } }]),
      { [FAILED_SUBGRAPH]: 'mentors' },
    );
    const { response } = formatGatewayExecution(
      { data: { mentor: null }, errors: [located(failed, ['mentor'])] },
      logger,
    );
    expect(response.errors).toEqual([{ message: 'no', path: ['mentor'], extensions: { code: 'FORBIDDEN' } }]);
  });

  it('answers 400 GRAPHQL_VALIDATION_FAILED for a document that does not validate against the composed schema', () => {
    const validation = Object.assign(new Error('Graphql validation error'), {
      statusCode: 400,
      errors: [
        new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: {} }),
        new GraphQLError('Second problem'),
      ],
    });
    const result = formatGatewayExecution(
      { errors: [new GraphQLError(validation.message, { originalError: validation })] },
      logger,
    );
    expect(result.statusCode).toBe(400);
    expect(result.response.errors.map((e) => e.extensions.code)).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect(result.response.errors[0]!.message).toBe('Cannot query field "nope" on type "Query".');
  });

  it('answers a malformed HTTP request with its 4xx status and BAD_REQUEST', () => {
    const bodyError = Object.assign(new Error("Body is not valid JSON but content-type is set to 'application/json'"), {
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
    });
    const result = formatGatewayExecution(
      { errors: [new GraphQLError(bodyError.message, { originalError: bodyError })] },
      logger,
    );
    expect(result.statusCode).toBe(400);
    expect(result.response.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('keeps typed errors raised in the gateway and hides unexpected ones', () => {
    const result = formatGatewayExecution(
      {
        data: null,
        errors: [
          located(new ConflictError('already booked'), ['x']),
          located(new Error('boom at /srv/gateway.js:10'), ['y']),
        ],
      },
      logger,
    );
    expect(result.response.errors.map((e) => [e.message, e.extensions.code])).toEqual([
      ['already booked', 'CONFLICT'],
      ['Internal server error', 'INTERNAL_SERVER_ERROR'],
    ]);
    expect(result.statusCode).toBe(200);
  });
});

describe('describeGatewayError', () => {
  it('unwraps the errors a FederatedError carries, for logs', () => {
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:4001');
    expect(describeGatewayError(new FederatedError([refused, { message: 'second' }]))).toBe(
      'connect ECONNREFUSED 127.0.0.1:4001; second',
    );
    expect(describeGatewayError(new Error('plain'))).toBe('plain');
  });
});

describe('formatGatewayExecution and GraphQL over HTTP', () => {
  const validation = () =>
    Object.assign(new Error('Graphql validation error'), {
      statusCode: 400,
      errors: [new GraphQLError('Syntax Error: Expected Name, found <EOF>.')],
    });

  it('answers a request error 400 with graphql-response+json and 200 with application/json, without data', () => {
    const errors = [new GraphQLError('x', { originalError: validation() })];
    const strict = formatGatewayExecution({ errors }, logger, { mediaType: 'application/graphql-response+json' });
    expect(strict.statusCode).toBe(400);
    expect(strict.response).not.toHaveProperty('data');
    expect(strict.response.errors[0]!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const legacy = formatGatewayExecution({ errors }, logger, { mediaType: 'application/json' });
    expect(legacy.statusCode).toBe(200);
    expect(legacy.response).not.toHaveProperty('data');
  });

  it('keeps the code and details of the gateway’s own refusals', () => {
    const tooDeep = new GatewayRequestError('The query is 20 levels deep; the limit is 12', 'QUERY_TOO_DEEP', {
      depth: 20,
      maxDepth: 12,
    });
    const result = formatGatewayExecution(
      { errors: [new GraphQLError(tooDeep.message, { originalError: tooDeep })] },
      logger,
      {
        mediaType: 'application/graphql-response+json',
      },
    );
    expect(result).toEqual({
      statusCode: 400,
      response: {
        errors: [{ message: tooDeep.message, extensions: { code: 'QUERY_TOO_DEEP', depth: 20, maxDepth: 12 } }],
      },
    });
  });

  it('answers a body over the limit 413 and a mutation over GET 405, whatever the media type', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    const large = formatGatewayExecution(
      { errors: [new GraphQLError(tooLarge.message, { originalError: tooLarge })] },
      logger,
      {
        mediaType: 'application/json',
        bodyLimit: 1024,
      },
    );
    expect(large).toEqual({
      statusCode: 413,
      response: {
        errors: [
          {
            message: 'The request body is larger than the limit of 1024 bytes',
            extensions: { code: 'PAYLOAD_TOO_LARGE' },
          },
        ],
      },
    });
    const get = Object.assign(new Error('Method Not Allowed'), {
      statusCode: 405,
      errors: [new Error('Operation cannot be performed via a GET request')],
    });
    const viaGet = formatGatewayExecution({ errors: [new GraphQLError(get.message, { originalError: get })] }, logger, {
      mediaType: 'application/json',
    });
    expect(viaGet.statusCode).toBe(405);
    expect(viaGet.response.errors[0]!.extensions.code).toBe('METHOD_NOT_ALLOWED');
  });
});
