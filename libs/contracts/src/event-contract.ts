import type { z } from 'zod';

/** The bounded contexts that publish events; each has one topic, `mentorflow.<context>.events`. */
export const CONTEXTS = ['cohorts', 'mentors', 'scoping', 'evaluations'] as const;
export type Context = (typeof CONTEXTS)[number];

/**
 * One versioned integration event: its CloudEvents type and the schema its data must satisfy.
 * A breaking change to the data is a new contract with version + 1, in a file of its own.
 */
export interface EventContract<TData = unknown, TType extends string = string> {
  readonly context: Context;
  readonly name: string;
  readonly version: number;
  /** `mentorflow.<context>.<Name>.v<N>`: a literal type, so tables can be keyed by it (see EventTable). */
  readonly type: TType;
  readonly schema: z.ZodType<TData, unknown>;
  /** The fields of the data that are a person's personal data, encrypted with that person's key. */
  readonly personal?: PersonalFields;
}

/** How a personal field reads once its person's key is erased (see erasedValue). */
export type PersonalFieldKind = 'name' | 'email' | 'text';

/**
 * Which person an event's personal fields belong to and which they are. The publisher encrypts
 * each of them with the person's own key (crypto-shredding, libs/messaging); a consumer gets them
 * decrypted, or, once the person is erased, as `erasedValue` gives them: still valid data.
 */
export interface PersonalFields {
  /** The data field holding the person's id: whose key encrypts the fields. */
  readonly subject: string;
  readonly person: 'intern' | 'mentor';
  readonly fields: Readonly<Record<string, PersonalFieldKind>>;
}

/** What an erased person's field reads as: "Erased intern", an address that can never be delivered, or empty text. */
export function erasedValue(person: PersonalFields['person'], kind: PersonalFieldKind, subjectId: string): string {
  switch (kind) {
    case 'name':
      return person === 'intern' ? 'Erased intern' : 'Erased mentor';
    case 'email':
      return `erased-${subjectId.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40) || 'person'}@erased.invalid`;
    case 'text':
      return '';
  }
}

export type EventData<C> = C extends EventContract<infer T, string> ? T : never;

export function defineEvent<
  TSchema extends z.ZodType,
  const C extends Context,
  const N extends string,
  const V extends number,
>(
  context: C,
  name: N,
  version: V,
  schema: TSchema,
  personal?: PersonalFields & { subject: keyof z.infer<TSchema> & string; fields: Partial<Record<keyof z.infer<TSchema>, PersonalFieldKind>> },
): EventContract<z.infer<TSchema>, `mentorflow.${C}.${N}.v${V}`> {
  return {
    context,
    name,
    version,
    type: `mentorflow.${context}.${name}.v${version}`,
    schema: schema as unknown as z.ZodType<z.infer<TSchema>, unknown>,
    ...(personal ? { personal } : {}),
  };
}

export function eventsTopic(context: Context): string {
  return `mentorflow.${context}.events`;
}
