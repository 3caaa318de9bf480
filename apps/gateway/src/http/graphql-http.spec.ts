import { describe, expect, it } from '@jest/globals';
import { negotiateMediaType } from './graphql-http.js';

describe('negotiateMediaType', () => {
  it('uses application/json without an Accept header, or for */* and application/json', () => {
    expect(negotiateMediaType(undefined)).toBe('application/json');
    expect(negotiateMediaType('*/*')).toBe('application/json');
    expect(negotiateMediaType('application/json')).toBe('application/json');
  });

  it('uses application/graphql-response+json when asked for and preferred', () => {
    expect(negotiateMediaType('application/graphql-response+json')).toBe('application/graphql-response+json');
    expect(negotiateMediaType('application/graphql-response+json, application/json;q=0.9')).toBe(
      'application/graphql-response+json',
    );
    expect(negotiateMediaType('application/graphql-response+json, */*')).toBe('application/graphql-response+json');
    expect(negotiateMediaType('application/json, application/graphql-response+json')).toBe('application/json');
    expect(negotiateMediaType('application/json;q=0.5, application/graphql-response+json;q=0.8')).toBe(
      'application/graphql-response+json',
    );
  });

  it('falls back to application/json for what it does not serve, or a refused type', () => {
    expect(negotiateMediaType('text/html')).toBe('application/json');
    expect(negotiateMediaType('application/graphql-response+json;q=0')).toBe('application/json');
  });
});
