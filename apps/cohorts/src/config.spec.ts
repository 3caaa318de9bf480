import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '#platform';
import { clockMode, cohortsConfigSchema } from './config.js';

const mode = (env: Record<string, string>) => clockMode(loadConfig(cohortsConfigSchema, env));

describe('clockMode', () => {
  it('is the real clock when NODE_ENV is unset or production: sandbox time travel is not a default there', () => {
    expect(mode({})).toBe('real');
    expect(mode({ NODE_ENV: '' })).toBe('real');
    expect(mode({ NODE_ENV: 'production' })).toBe('real');
  });

  it('is the sandbox by default only where NODE_ENV is explicitly development or test', () => {
    expect(mode({ NODE_ENV: 'development' })).toBe('sandbox');
    expect(mode({ NODE_ENV: 'test' })).toBe('sandbox');
  });

  it('follows CLOCK_MODE when it is set', () => {
    expect(mode({ NODE_ENV: 'test', CLOCK_MODE: 'real' })).toBe('real');
    expect(mode({ CLOCK_MODE: 'sandbox' })).toBe('sandbox');
  });
});

describe('PERSONAL_DATA_RETENTION_MONTHS', () => {
  const months = (env: Record<string, string>) => loadConfig(cohortsConfigSchema, env).PERSONAL_DATA_RETENTION_MONTHS;

  it('is 24 months unless set, a whole number of months from 1', () => {
    expect(months({})).toBe(24);
    expect(months({ PERSONAL_DATA_RETENTION_MONTHS: '' })).toBe(24);
    expect(months({ PERSONAL_DATA_RETENTION_MONTHS: '1' })).toBe(1);
    expect(months({ PERSONAL_DATA_RETENTION_MONTHS: ' 36 ' })).toBe(36);
  });

  it.each(['0', '-3', '1.5', 'two years', '24m', '99999'])('refuses %j at start-up, naming the variable', (value) => {
    expect(() => months({ PERSONAL_DATA_RETENTION_MONTHS: value })).toThrow(
      /PERSONAL_DATA_RETENTION_MONTHS: expected a whole number of months/,
    );
  });
});
