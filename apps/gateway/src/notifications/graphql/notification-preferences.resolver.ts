import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import { ValidationError } from '#ddd';
import type { Identity } from '#platform';
import { EmailRepository } from '../persistence/email.repository.js';
import { NotificationPreferencesGql, SetNotificationPreferencesInput } from './notification-preferences.type.js';

const preferences = (email: boolean): NotificationPreferencesGql =>
  Object.assign(new NotificationPreferencesGql(), { email });

/** Each signed-in user's own notification preferences: email on (default) or off. */
@Resolver(() => NotificationPreferencesGql)
export class NotificationPreferencesResolver {
  constructor(private readonly repository: EmailRepository) {}

  @Query(() => NotificationPreferencesGql, { description: 'Your notification preferences.' })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  async notificationPreferences(@CurrentUser() user: Identity): Promise<NotificationPreferencesGql> {
    return preferences(await this.repository.wantsEmail(user.sub));
  }

  @Mutation(() => NotificationPreferencesGql, {
    description: 'Turns email of your notifications off (`email: false`) or on again; checked again before each mail.',
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  async setNotificationPreferences(
    @Args('input', { type: () => SetNotificationPreferencesInput }) input: SetNotificationPreferencesInput,
    @CurrentUser() user: Identity,
  ): Promise<NotificationPreferencesGql> {
    if (typeof input?.email !== 'boolean') throw ValidationError.field('email', 'must be true or false');
    return preferences(await this.repository.setWantsEmail(user.sub, input.email));
  }
}
