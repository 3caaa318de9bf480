import { erasedValue } from '#contracts';
import { personalNeedles, type PersonalNeedle } from '#ddd';

/** Whose personal data an erasure event removes: an intern (InternErased) or a mentor (MentorErased). */
export type ErasedPerson = 'INTERN' | 'MENTOR';

const kindOf = (person: ErasedPerson) => (person === 'INTERN' ? 'intern' : 'mentor');

/** What an erased person is called from now on: "Erased intern", "Erased mentor". */
export function erasedName(person: ErasedPerson, id: string): string {
  return erasedValue(kindOf(person), 'name', id);
}

/** The address an erased person's e-mail reads as (never delivered: `.invalid`). */
export function erasedEmail(person: ErasedPerson, id: string): string {
  return erasedValue(kindOf(person), 'email', id);
}

/**
 * An address no mail may go to: an erased person's (`…@erased.invalid`, what a replayed event
 * carries once their key is gone). The `.invalid` top-level domain never resolves (RFC 2606).
 */
export function isErasedAddress(address: string | null | undefined): boolean {
  return !!address && /@erased\.invalid$/i.test(address.trim());
}

/** What to look for in the gateway's stored text, and what it becomes: the person's names and addresses as the gateway knew them. */
export function erasureNeedles(
  person: ErasedPerson,
  id: string,
  known: { names: readonly string[]; emails: readonly string[] },
): PersonalNeedle[] {
  return personalNeedles(known.names, known.emails, { name: erasedName(person, id), email: erasedEmail(person, id) });
}
