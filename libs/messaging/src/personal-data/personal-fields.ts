import { erasedValue, type EventContract } from '#contracts';
import { isSealed, openValue, sealValue } from './cipher.js';

/** The person an event's personal fields belong to, when its contract declares any and the data names them. */
export function personalSubject(contract: EventContract, data: unknown): string | undefined {
  const personal = contract.personal;
  if (!personal || typeof data !== 'object' || data === null) return undefined;
  const subject = (data as Record<string, unknown>)[personal.subject];
  return typeof subject === 'string' && subject.length > 0 ? subject : undefined;
}

/** The data with every personal field of the contract encrypted with the person's key. */
export function sealPersonalFields<T>(contract: EventContract, data: T, subjectId: string, key: Buffer): T {
  const copy = { ...(data as Record<string, unknown>) };
  for (const field of Object.keys(contract.personal?.fields ?? {})) {
    const value = copy[field];
    if (typeof value === 'string' && !isSealed(value)) copy[field] = sealValue(key, subjectId, value);
  }
  return copy as T;
}

/** Whether any personal field of the data is encrypted. */
export function hasSealedFields(contract: EventContract, data: unknown): boolean {
  if (!contract.personal || typeof data !== 'object' || data === null) return false;
  return Object.keys(contract.personal.fields).some((f) => isSealed((data as Record<string, unknown>)[f]));
}

/**
 * The data with its encrypted personal fields opened with `key`, or, when the key is gone (the
 * person was erased), replaced by their erased values. Fields in clear text (events published
 * before encryption, or by hand) pass as they are.
 */
export function openPersonalFields(contract: EventContract, data: unknown, subjectId: string, key: Buffer | undefined): unknown {
  const personal = contract.personal;
  if (!personal || typeof data !== 'object' || data === null) return data;
  const copy = { ...(data as Record<string, unknown>) };
  for (const [field, kind] of Object.entries(personal.fields)) {
    const value = copy[field];
    if (!isSealed(value)) continue;
    copy[field] = key ? openValue(key, subjectId, value) : erasedValue(personal.person, kind, subjectId);
  }
  return copy;
}
