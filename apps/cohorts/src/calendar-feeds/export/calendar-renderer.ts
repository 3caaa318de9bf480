import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CLOCK, type Clock } from '#ddd';
import { renderCalendar, type IcsCalendar } from './ics.js';

function fileName(name: string): string {
  return `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'calendar'
  }.ics`;
}

/** Writes a calendar as an iCalendar response: media type, file name, a short private cache. */
@Injectable()
export class CalendarRenderer {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  send(reply: FastifyReply, calendar: IcsCalendar, name: string): string {
    reply.header('content-type', 'text/calendar; charset=utf-8');
    reply.header('content-disposition', `inline; filename="${fileName(name)}"`);
    reply.header('cache-control', 'private, max-age=300');
    return renderCalendar(calendar, this.clock.now());
  }
}
