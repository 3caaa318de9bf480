import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { encodeCursor, PageInfo } from '#platform';
import { NOTIFICATION_TYPES, type NotificationType } from '../domain/routing.js';
import type { CohortActivityRecord } from '../live/live-notifications.js';
import type { NotificationRecord } from '../persistence/notification.repository.js';

export const NotificationTypeEnum = Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, t])) as {
  [K in NotificationType]: K;
};
registerEnumType(NotificationTypeEnum, {
  name: 'NotificationType',
  description: 'What a notification is about.',
});

export function notificationCursor(n: { seq: string; id: string }): string {
  return encodeCursor({ sort: n.seq, id: n.id });
}

@ObjectType('Notification', {
  description: 'Something the signed-in user should know or act on, built from the program’s events.',
})
export class NotificationGql {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationTypeEnum)
  type: NotificationType;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field(() => ID, { nullable: true })
  cohortId: string | null;

  @Field(() => ID, { nullable: true })
  internId: string | null;

  @Field(() => ID, { nullable: true, description: 'The project, report, evaluation or slot it is about.' })
  subjectId: string | null;

  @Field({ description: 'The CloudEvents type of the event it came from.' })
  eventType: string;

  @Field({ description: 'When the event happened.' })
  occurredAt: Date;

  @Field({ description: 'When the notification was stored.' })
  createdAt: Date;

  @Field()
  read: boolean;

  @Field(() => Date, { nullable: true })
  readAt: Date | null;

  @Field({
    description:
      'Its position in the reader’s feed: pass it as `after` to the `notifications` subscription to get everything newer first.',
  })
  cursor: string;

  static from(n: NotificationRecord): NotificationGql {
    const g = new NotificationGql();
    g.id = n.id;
    g.type = n.type;
    g.title = n.title;
    g.body = n.body;
    g.cohortId = n.cohortId;
    g.internId = n.internId;
    g.subjectId = n.subjectId;
    g.eventType = n.eventType;
    g.occurredAt = n.occurredAt;
    g.createdAt = n.createdAt;
    g.read = n.readAt !== null;
    g.readAt = n.readAt;
    g.cursor = notificationCursor(n);
    return g;
  }
}

@ObjectType('NotificationEdge')
export class NotificationEdge {
  @Field() cursor: string;
  @Field(() => NotificationGql) node: NotificationGql;
}

@ObjectType('NotificationConnection')
export class NotificationConnection {
  @Field(() => [NotificationEdge]) edges: NotificationEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'Notifications matching the arguments (all, or the unread ones).' })
  totalCount: number;
  @Field(() => Int)
  unreadCount: number;
}

@InputType('MarkNotificationsReadInput')
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'These notifications (1 to 100 of yours).' })
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Every notification of yours.' })
  all?: boolean | null;
}

@ObjectType('MarkNotificationsReadPayload')
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: 'How many were unread before.' })
  markedCount: number;

  @Field(() => Int, { description: 'How many of yours are still unread.' })
  unreadCount: number;

  @Field(() => [NotificationGql], { description: 'The notifications named by `ids`, now read (empty with `all`).' })
  notifications: NotificationGql[];
}

@ObjectType('CohortActivity', { description: 'One event of a cohort, as the gateway consumed it.' })
export class CohortActivityGql {
  @Field(() => ID) eventId: string;
  @Field({ description: 'The CloudEvents type, e.g. mentorflow.cohorts.InternEnrolled.v1.' }) type: string;
  @Field({ description: 'The event name, e.g. InternEnrolled.' }) name: string;
  @Field(() => ID) cohortId: string;
  @Field({ description: 'The aggregate the event is about (the CloudEvents subject).' }) subject: string;
  @Field(() => ID, { nullable: true }) internId: string | null;
  @Field() occurredAt: Date;
  @Field() summary: string;

  static from(a: CohortActivityRecord): CohortActivityGql {
    return Object.assign(new CohortActivityGql(), a);
  }
}
