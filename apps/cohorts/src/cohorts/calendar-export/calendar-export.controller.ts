import {
  Controller,
  Get,
  Headers,
  Inject,
  NotFoundException,
  Param,
  Query,
  Res,
  UnauthorizedException,
  ForbiddenException,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { TokenVerifier } from '#auth';
import type { Identity } from '#platform';
import { CLOCK, type Clock } from '../clock.js';
import { canReadCohorts, canSeeBooker, canSeeIntern, isProgramManager, needsMentorsOf } from '../graphql/visibility.js';
import { CohortReadRepository } from '../persistence/cohort-read.repository.js';
import { MentorAssignmentRepository } from '../persistence/mentor-assignment.repository.js';
import { ProgramReadRepository } from '../persistence/program-read.repository.js';
import { cohortFeed, internFeed } from './calendar-feed.js';
import { renderCalendar, type IcsCalendar } from './ics.js';

function fileName(name: string): string {
  return `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'calendar'
  }.ics`;
}

/**
 * iCalendar feeds for calendar apps: `GET /cohorts/:id/calendar.ics` (deadlines, tech talks,
 * presentation slots) and `GET /cohorts/:id/interns/:internId/calendar.ics` (that intern's own
 * deadlines, moved by their extension, the talks and their booked slot). Calendar apps cannot
 * send headers, so the bearer token may come in `?token=` as well as in `Authorization`. The
 * GraphQL visibility rules apply: any signed-in role reads a cohort's feed (the name of the
 * intern who booked a slot only for those who may see that intern: PMs, the intern, their
 * mentors, the slot's panel); an intern's own feed is read by those who may see the intern (404
 * for anyone else's, existing or not, as GraphQL answers null).
 */
@Controller('cohorts')
export class CalendarExportController {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly cohorts: CohortReadRepository,
    private readonly program: ProgramReadRepository,
    private readonly assignments: MentorAssignmentRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':cohortId/calendar.ics')
  async cohortCalendar(
    @Param('cohortId') cohortId: string,
    @Query('token') token: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const identity = await this.authenticate(authorization, token, reply);
    if (!canReadCohorts(identity))
      throw new ForbiddenException('this calendar needs one of the roles PROGRAM_MANAGER, MENTOR, INTERN');
    const cohort = await this.cohorts.findCohort(cohortId);
    if (!cohort) throw new NotFoundException(`Cohort ${cohortId} was not found`);
    const [talks, slots] = await Promise.all([
      this.program.talkPages([cohort.id], {}).then((m) => m.get(cohort.id) ?? []),
      this.program.slotPages([cohort.id], {}).then((m) => m.get(cohort.id) ?? []),
    ]);
    const booked = [...new Set(slots.map((s) => s.bookedBy).filter((b): b is string => !!b))];
    const mentorsOf = isProgramManager(identity)
      ? new Map<string, string[]>()
      : await this.assignments.activeMentorsOf(booked);
    const visible = slots
      .filter((s) => canSeeBooker(identity, s, mentorsOf.get(s.bookedBy ?? '') ?? []))
      .map((s) => s.bookedBy!);
    const latest = await this.cohorts.latestEnrollmentOfInterns([...new Set(visible)]);
    const internNames = new Map([...latest.values()].map((e) => [e.internId, e.name]));
    const mentorNames = await this.program.mentorNames([...new Set(slots.flatMap((s) => s.panelMentorIds))]);
    return this.send(reply, cohortFeed({ cohort, talks, slots, mentorNames, internNames }), cohort.name);
  }

  @Get(':cohortId/interns/:internId/calendar.ics')
  async internCalendar(
    @Param('cohortId') cohortId: string,
    @Param('internId') internId: string,
    @Query('token') token: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const identity = await this.authenticate(authorization, token, reply);
    if (!canReadCohorts(identity))
      throw new ForbiddenException('this calendar needs one of the roles PROGRAM_MANAGER, MENTOR, INTERN');
    const notFound = new NotFoundException(`no enrollment of intern ${internId} in cohort ${cohortId}`);
    const mentorsOfIntern = needsMentorsOf(identity, internId)
      ? ((await this.assignments.activeMentorsOf([internId])).get(internId) ?? [])
      : [];
    if (!canSeeIntern(identity, internId, mentorsOfIntern)) throw notFound;
    const cohort = await this.cohorts.findCohort(cohortId);
    const enrollment = cohort
      ? (await this.cohorts.enrollmentsOfInterns([internId])).get(internId)?.find((e) => e.cohortId === cohort.id)
      : undefined;
    if (!cohort || !enrollment) throw notFound;
    const [talks, grants, bookings] = await Promise.all([
      this.program.talkPages([cohort.id], {}).then((m) => m.get(cohort.id) ?? []),
      this.program.extensions([enrollment.id]).then((m) => m.get(enrollment.id) ?? []),
      this.program.bookings([{ cohortId: cohort.id, internId }]),
    ]);
    const booking = bookings.get(`${cohort.id}/${internId}`) ?? null;
    const { rsvped } = await this.program.internTalkMarks(
      internId,
      talks.map((t) => t.id),
    );
    const mentorNames = await this.program.mentorNames(booking?.panelMentorIds ?? []);
    const feed = internFeed({
      cohort,
      internId,
      internName: enrollment.name,
      grants,
      talks,
      rsvped,
      booking,
      mentorNames,
    });
    return this.send(reply, feed, `${cohort.name} ${enrollment.name}`);
  }

  private async authenticate(
    authorization: string | undefined,
    query: string | undefined,
    reply: FastifyReply,
  ): Promise<Identity> {
    const token = TokenVerifier.bearer(authorization) ?? (typeof query === 'string' && query ? query : undefined);
    if (!token) {
      reply.header('www-authenticate', 'Bearer');
      throw new UnauthorizedException(
        'sign in: send a bearer token in the Authorization header or the token query parameter',
      );
    }
    try {
      return await this.verifier.verify(token);
    } catch {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw new UnauthorizedException('the token is invalid or expired');
    }
  }

  private send(reply: FastifyReply, calendar: IcsCalendar, name: string): string {
    reply.header('content-type', 'text/calendar; charset=utf-8');
    reply.header('content-disposition', `inline; filename="${fileName(name)}"`);
    reply.header('cache-control', 'private, max-age=300');
    return renderCalendar(calendar, this.clock.now());
  }
}
