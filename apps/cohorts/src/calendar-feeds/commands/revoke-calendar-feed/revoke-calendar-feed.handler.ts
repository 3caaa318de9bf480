import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, NotFoundError, requiredId } from '#ddd';
import type { CalendarFeedView } from '../../graphql/calendar-feed.type.js';
import { CalendarFeedRepository } from '../../persistence/calendar-feed.repository.js';
import { CohortsUnitOfWork } from '../../../shared/commands/unit-of-work.js';
import { RevokeCalendarFeedCommand } from './revoke-calendar-feed.command.js';

/**
 * Revokes one of the caller's calendar feeds: its URL answers 404 from then on. Another person's
 * feed reads as one that does not exist (NOT_FOUND), so feed ids cannot be probed. Revoking a
 * revoked feed answers it unchanged.
 */
@CommandHandler(RevokeCalendarFeedCommand)
export class RevokeCalendarFeedHandler implements ICommandHandler<RevokeCalendarFeedCommand> {
  constructor(
    private readonly uow: CohortsUnitOfWork,
    private readonly feeds: CalendarFeedRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ feedId, actor }: RevokeCalendarFeedCommand): Promise<CalendarFeedView> {
    const id = requiredId('feedId', feedId);
    const feed = await this.uow.run(async ({ tx }) => {
      const found = await this.feeds.find(tx, id, { forUpdate: true });
      if (!found || !found.isOwnedBy(actor.sub)) throw new NotFoundError('CalendarFeed', id);
      if (found.revoke(this.clock.now())) await this.feeds.update(tx, found);
      return found.toSnapshot();
    });
    return { id: feed.id, url: null, createdAt: feed.createdAt, revokedAt: feed.revokedAt };
  }
}
