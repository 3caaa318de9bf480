import { Args, ArgsType, Field, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import { NotFoundError, ValidationError } from '#ddd';
import { PageArgs, pageRequest, type Identity } from '#platform';
import { audiencesOf } from '../domain/routing.js';
import { cursorSeq, LiveNotifications } from '../live/live-notifications.js';
import { NotificationRepository, type NotificationRecord } from '../persistence/notification.repository.js';
import {
  CohortActivityGql,
  MarkNotificationsReadInput,
  MarkNotificationsReadPayload,
  NotificationConnection,
  NotificationGql,
} from './notification.type.js';
import { requireProgramManager, validateCohortId } from './subscription-rules.js';

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Only the unread ones.' })
  unreadOnly?: boolean;
}

const MAX_IDS = 100;

/**
 * The signed-in user's notifications: the feed (newest first), marking read, and the live
 * subscriptions. The gateway serves the two subscriptions itself over graphql-ws, from the same
 * LiveNotifications (see apps/gateway/src/subscriptions.ts); the resolvers here give them their
 * place in the schema and serve them to anyone talking to this subgraph directly.
 */
@Resolver(() => NotificationGql)
export class NotificationsResolver {
  constructor(
    private readonly repository: NotificationRepository,
    private readonly live: LiveNotifications,
  ) {}

  @Query(() => NotificationConnection, {
    description:
      'Your notifications, newest first. After a reconnection, ask for `unreadOnly: true` (or subscribe with `after`): nothing you have not read is ever lost.',
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  async notifications(@Args() args: NotificationsArgs, @CurrentUser() user: Identity): Promise<NotificationConnection> {
    const { limit } = pageRequest(args);
    const beforeSeq = args.after ? cursorSeq(args.after) : undefined;
    const page = await this.repository.page(user.sub, audiencesOf(user), {
      unreadOnly: !!args.unreadOnly,
      limit,
      beforeSeq,
    });
    const nodes = page.rows.slice(0, limit).map(NotificationGql.from);
    const edges = nodes.map((node) => ({ cursor: node.cursor, node }));
    return {
      edges,
      totalCount: page.totalCount,
      unreadCount: page.unreadCount,
      pageInfo: {
        hasNextPage: page.rows.length > limit,
        hasPreviousPage: !!beforeSeq,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  @Mutation(() => MarkNotificationsReadPayload, {
    description: 'Marks your notifications read: the ones named by `ids`, or `all: true`.',
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  async markNotificationsRead(
    @Args('input', { type: () => MarkNotificationsReadInput }) input: MarkNotificationsReadInput,
    @CurrentUser() user: Identity,
  ): Promise<MarkNotificationsReadPayload> {
    const ids = input.ids ?? undefined;
    const all = input.all === true;
    if (all && ids?.length) throw ValidationError.field('ids', 'give either ids or all: true, not both');
    if (!all && !ids?.length) throw ValidationError.field('ids', 'name 1 to 100 notifications, or set all: true');
    if (ids && ids.length > MAX_IDS) throw ValidationError.field('ids', `at most ${MAX_IDS} at a time (or all: true)`);
    const audiences = audiencesOf(user);
    const payload = new MarkNotificationsReadPayload();
    if (all) {
      payload.markedCount = await this.repository.markAllRead(user.sub, audiences);
      payload.notifications = [];
    } else {
      const unique = [...new Set(ids!)];
      const result = await this.repository.markRead(user.sub, audiences, unique);
      // The same answer whether the notification is someone else's or does not exist.
      if (result.missing.length) throw new NotFoundError('Notification', result.missing[0]!);
      payload.markedCount = result.newlyRead;
      payload.notifications = result.marked.map(NotificationGql.from);
    }
    payload.unreadCount = await this.repository.unreadCount(user.sub, audiences);
    return payload;
  }

  @Subscription(() => NotificationGql, {
    name: 'notifications',
    description:
      'Your new notifications as they are stored. With `after` (a notification’s `cursor`), everything newer comes first, then live.',
    resolve: (payload: NotificationRecord) => NotificationGql.from(payload),
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  notificationsSubscription(
    @CurrentUser() user: Identity,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): AsyncIterableIterator<NotificationRecord> {
    return this.live.notifications(user, after);
  }

  @Subscription(() => CohortActivityGql, {
    name: 'cohortActivity',
    description: 'Every event of the cohort as it happens (program managers).',
    resolve: (payload: Parameters<typeof CohortActivityGql.from>[0]) => CohortActivityGql.from(payload),
  })
  @Roles('PROGRAM_MANAGER')
  cohortActivity(
    @CurrentUser() user: Identity,
    @Args('cohortId', { type: () => ID }) cohortId: string,
  ): AsyncIterableIterator<unknown> {
    requireProgramManager(user);
    return this.live.cohortActivity(validateCohortId(cohortId));
  }
}
