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
}

export type EventData<C> = C extends EventContract<infer T, string> ? T : never;

export function defineEvent<
  TSchema extends z.ZodType,
  const C extends Context,
  const N extends string,
  const V extends number,
>(context: C, name: N, version: V, schema: TSchema): EventContract<z.infer<TSchema>, `mentorflow.${C}.${N}.v${V}`> {
  return {
    context,
    name,
    version,
    type: `mentorflow.${context}.${name}.v${version}`,
    schema: schema as unknown as z.ZodType<z.infer<TSchema>, unknown>,
  };
}

export function eventsTopic(context: Context): string {
  return `mentorflow.${context}.events`;
}
