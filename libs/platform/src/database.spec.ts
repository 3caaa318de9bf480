import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { isUniqueViolation, onUniqueViolation } from './database.js';

const driverError = (code: string, constraint?: string) => Object.assign(new Error('db'), { code, constraint });

describe('unique violations', () => {
  it('are told by SQLSTATE 23505, from TypeORM or the driver, of a named constraint when asked', () => {
    const typeorm = new QueryFailedError('INSERT', [], driverError('23505', 'projects_intern_cohort_key'));
    expect(isUniqueViolation(typeorm)).toBe(true);
    expect(isUniqueViolation(typeorm, 'projects_intern_cohort_key')).toBe(true);
    expect(isUniqueViolation(typeorm, 'other_key')).toBe(false);
    expect(isUniqueViolation(driverError('23505'))).toBe(true);
    expect(isUniqueViolation(new QueryFailedError('INSERT', [], driverError('23503')))).toBe(false);
    expect(isUniqueViolation(new Error('plain'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });

  it('become the caller error, other failures pass through', async () => {
    const conflict = new Error('already there');
    await expect(onUniqueViolation(Promise.reject(driverError('23505')), () => conflict)).rejects.toBe(conflict);
    const other = driverError('40001');
    await expect(onUniqueViolation(Promise.reject(other), () => conflict)).rejects.toBe(other);
    await expect(onUniqueViolation(Promise.resolve(1), () => conflict)).resolves.toBe(1);
  });
});
