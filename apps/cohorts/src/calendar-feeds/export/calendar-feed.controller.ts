import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { hashFeedToken, isFeedToken } from '../domain/calendar-feed.js';
import { CalendarFeedRepository } from '../persistence/calendar-feed.repository.js';
import { CalendarAssembler } from './calendar-assembler.js';
import { CalendarRenderer } from './calendar-renderer.js';

/**
 * `GET /calendar-feeds/<token>.ics`: the calendar of a feed's owner (see
 * `CalendarAssembler.ownCalendar`), for the gateway's public `GET /calendar/<token>.ics`, which
 * calls it. The token is the whole credential: it is looked up by its SHA-256 (no comparison of
 * secrets that could leak timing), reads that one calendar and nothing else, and stops working
 * when the owner revokes the feed. A token that is malformed, unknown or revoked answers a bare
 * 404, all alike. Never an API token: this route reads no Authorization header.
 */
@Controller('calendar-feeds')
export class CalendarFeedController {
  constructor(
    private readonly feeds: CalendarFeedRepository,
    private readonly calendars: CalendarAssembler,
    private readonly renderer: CalendarRenderer,
  ) {}

  @Get(':file')
  async feed(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    const feed = isFeedToken(token) ? await this.feeds.findActiveByTokenHash(hashFeedToken(token)) : null;
    if (!feed) throw new NotFoundException();
    const calendar = await this.calendars.ownCalendar({ sub: feed.ownerSub, roles: feed.ownerRoles });
    reply.header('referrer-policy', 'no-referrer');
    return this.renderer.send(reply, calendar, 'mentorflow');
  }
}
