import { Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { MeType } from '../../graphql/me.type.js';

@Resolver()
export class MeQueryResolver {
  @Query(() => MeType, { description: 'The signed-in caller (and, for an intern, their enrollments)' })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  me(@CurrentUser() caller: Identity): MeType {
    return { sub: caller.sub, roles: [...caller.roles], name: caller.name ?? null, email: caller.email ?? null };
  }
}
