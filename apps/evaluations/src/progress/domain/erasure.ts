import { erasedValue, type PersonalFieldKind } from '#contracts';
import type { Fact, FactKind } from './facts.js';

/**
 * The fields of a fact's data that are the intern's personal data, per kind: the name the
 * enrollment told (InternEnrolled). Nothing else the read model keeps names or reaches a person.
 */
export const PERSONAL_FACT_FIELDS: Partial<Record<FactKind, Readonly<Record<string, PersonalFieldKind>>>> = {
  ENROLLED: { name: 'name' },
};

/** Whether the fact holds personal data of its intern (a value other than the erased one). */
export function hasPersonalData(fact: Fact): boolean {
  return withoutPersonalData(fact) !== fact;
}

/**
 * The fact as an erased intern's: each personal field holds what the field reads as once the
 * intern's key is erased ("Erased intern"), the value a replay of the event gives. The same
 * fact (the same object) when there is nothing to change, so an erased fact stays as it is.
 */
export function withoutPersonalData(fact: Fact): Fact {
  const fields = PERSONAL_FACT_FIELDS[fact.kind];
  if (!fields) return fact;
  let data: Record<string, unknown> | undefined;
  for (const [field, kind] of Object.entries(fields)) {
    if (!(field in fact.data)) continue;
    const erased = erasedValue('intern', kind, fact.internId);
    if (fact.data[field] === erased) continue;
    data = { ...(data ?? fact.data), [field]: erased };
  }
  return data ? { ...fact, data } : fact;
}
