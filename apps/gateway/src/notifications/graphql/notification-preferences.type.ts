import { Field, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('NotificationPreferences', { description: 'How the signed-in user is told of their notifications.' })
export class NotificationPreferencesGql {
  @Field({
    description:
      'Whether notifications are also mailed to you (when the system sends email). Default true; your notifications stay in the app either way.',
  })
  email: boolean;
}

@InputType('SetNotificationPreferencesInput')
export class SetNotificationPreferencesInput {
  @Field({ description: 'false: no more email (mails already queued for you are not sent); true: email again.' })
  email: boolean;
}
