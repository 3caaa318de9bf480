import { ForbiddenError, UnauthenticatedError, ValidationError } from '#ddd';
import type { Identity } from '#platform';

/** Subscriptions need a signed-in user (the token of the websocket's connection_init or upgrade). */
export function requireIdentity(identity: Identity | undefined): Identity {
  if (!identity) throw new UnauthenticatedError('sign in: send { authorization: "Bearer <token>" } in connection_init');
  return identity;
}

export function requireProgramManager(identity: Identity | undefined): Identity {
  const user = requireIdentity(identity);
  if (!user.roles.includes('PROGRAM_MANAGER')) throw new ForbiddenError('cohortActivity is for program managers');
  return user;
}

export function validateCohortId(cohortId: unknown): string {
  if (typeof cohortId !== 'string' || !cohortId.trim()) throw ValidationError.field('cohortId', 'must not be empty');
  return cohortId.trim();
}
