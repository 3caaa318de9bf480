import { Injectable, SetMetadata, createParamDecorator, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from '#ddd';
import type { Identity } from '#platform';
import type { Role } from './roles.js';

export const ROLES_KEY = 'mentorflow:roles';
export const PUBLIC_KEY = 'mentorflow:public';

/** The roles allowed to call a resolver (any one of them). Every resolver declares this. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** Marks a resolver open to any caller, signed in or not (rare: health-like fields only). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

export interface GraphQLRequestContext {
  identity?: Identity;
  correlationId: string;
}

function gqlContext(context: ExecutionContext): GraphQLRequestContext {
  return GqlExecutionContext.create(context).getContext<GraphQLRequestContext>();
}

/**
 * Deny by default: a resolver with no @Roles (and no @Public) is refused. No identity gives
 * UNAUTHENTICATED; an identity without one of the roles gives FORBIDDEN.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const { identity } = gqlContext(context);
    if (!identity) throw new UnauthenticatedError('sign in: this operation needs a bearer token');
    if (!roles || roles.length === 0) throw new ForbiddenError('this operation is not open to any role');
    if (!roles.some((r) => identity.roles.includes(r))) {
      throw new ForbiddenError(`this operation needs one of the roles ${roles.join(', ')}`);
    }
    return true;
  }
}

/** The signed-in caller of a resolver. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Identity => {
  const { identity } = gqlContext(context);
  if (!identity) throw new UnauthenticatedError('sign in: this operation needs a bearer token');
  return identity;
});

export function hasRole(identity: Identity, role: Role): boolean {
  return identity.roles.includes(role);
}
