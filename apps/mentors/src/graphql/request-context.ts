import type { GraphQLRequestContext } from '#auth';
import { UnauthenticatedError } from '#ddd';
import type { Identity } from '#platform';

/**
 * The role guard runs on entity references (`_entities`) too (SubgraphModule turns it on for
 * field resolvers); the reference resolvers call this all the same, so that an anonymous caller
 * gets UNAUTHENTICATED there whatever the module's settings.
 */
export function requireIdentity(context: GraphQLRequestContext | undefined): Identity {
  if (!context?.identity) throw new UnauthenticatedError('sign in: this operation needs a bearer token');
  return context.identity;
}
