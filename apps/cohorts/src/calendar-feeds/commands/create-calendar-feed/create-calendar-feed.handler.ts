import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#ddd';
import { feedUrl } from '../../export/feed-url.js';
import { CalendarFeed, newFeedToken } from '../../domain/calendar-feed.js';
import type { CalendarFeedView } from '../../graphql/calendar-feed.type.js';
import { CalendarFeedRepository } from '../../persistence/calendar-feed.repository.js';
import { CohortsUnitOfWork } from '../../../shared/commands/unit-of-work.js';
import { CreateCalendarFeedCommand } from './create-calendar-feed.command.js';

/**
 * Creates a calendar feed of the caller's own calendar: a new random token, of which only the
 * hash is stored (with the caller's sub and roles); the token is in the URL answered, once. At
 * most `MAX_ACTIVE_FEEDS` feeds per person that are not revoked (CONFLICT beyond). Nothing is
 * published: no other context needs to know.
 */
@CommandHandler(CreateCalendarFeedCommand)
export class CreateCalendarFeedHandler implements ICommandHandler<CreateCalendarFeedCommand> {
  constructor(
    private readonly uow: CohortsUnitOfWork,
    private readonly feeds: CalendarFeedRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, publicUrl }: CreateCalendarFeedCommand): Promise<CalendarFeedView> {
    const token = newFeedToken();
    const feed = await this.uow.run(async ({ tx }) => {
      const activeFeeds = await this.feeds.countActive(tx, actor.sub);
      const created = CalendarFeed.create({
        id: randomUUID(),
        token,
        owner: actor,
        now: this.clock.now(),
        activeFeeds,
      });
      await this.feeds.insert(tx, created);
      return created.toSnapshot();
    });
    return { id: feed.id, url: feedUrl(publicUrl, token), createdAt: feed.createdAt, revokedAt: feed.revokedAt };
  }
}
