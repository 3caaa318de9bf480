import {
  Controller,
  ForbiddenException,
  Get,
  Headers,
  NotFoundException,
  Param,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { TokenVerifier } from '#auth';
import type { Identity } from '#platform';
import { canReadCohorts, canSeeIntern, needsMentorsOf } from '../../shared/graphql/visibility.js';
import { CohortReadRepository } from '../../cohorts/persistence/cohort-read.repository.js';
import { MentorAssignmentRepository } from '../../mentors/persistence/mentor-assignment.repository.js';
import { CalendarAssembler } from './calendar-assembler.js';
import { CalendarRenderer } from './calendar-renderer.js';

/**
 * iCalendar exports for API clients: `GET /cohorts/:id/calendar.ics` (deadlines, tech talks,
 * presentation slots) and `GET /cohorts/:id/interns/:internId/calendar.ics` (that intern's own
 * deadlines, moved by their extension, the talks and their booked slot). The bearer token comes
 * in the `Authorization` header only: an API token in a URL (`?token=`) is not accepted, since
 * URLs end up in logs, histories and calendar apps' settings. Calendar apps subscribe to a
 * calendar feed instead (`createCalendarFeed`, served by the gateway; see calendar-feed.controller.ts).
 * The GraphQL visibility rules apply: any signed-in role reads a cohort's calendar (the name of
 * the intern who booked a slot only for those who may see that intern: PMs, the intern, their
 * mentors, the slot's panel); an intern's own calendar is read by those who may see the intern
 * (404 for anyone else's, existing or not, as GraphQL answers null).
 */
@Controller('cohorts')
export class CalendarExportController {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly cohorts: CohortReadRepository,
    private readonly assignments: MentorAssignmentRepository,
    private readonly calendars: CalendarAssembler,
    private readonly renderer: CalendarRenderer,
  ) {}

  @Get(':cohortId/calendar.ics')
  async cohortCalendar(
    @Param('cohortId') cohortId: string,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const identity = await this.reader(authorization, reply);
    const cohort = await this.cohorts.findCohort(cohortId);
    if (!cohort) throw new NotFoundException(`Cohort ${cohortId} was not found`);
    const [calendar] = await this.calendars.cohortCalendars(identity, [cohort]);
    return this.renderer.send(reply, calendar!, cohort.name);
  }

  @Get(':cohortId/interns/:internId/calendar.ics')
  async internCalendar(
    @Param('cohortId') cohortId: string,
    @Param('internId') internId: string,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const identity = await this.reader(authorization, reply);
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
    const calendar = await this.calendars.internCalendar(cohort, enrollment);
    return this.renderer.send(reply, calendar, `${cohort.name} ${enrollment.name}`);
  }

  /** The caller, signed in (401 otherwise) with a role that reads calendars (403 otherwise). */
  private async reader(authorization: string | undefined, reply: FastifyReply): Promise<Identity> {
    const identity = await this.authenticate(authorization, reply);
    if (!canReadCohorts(identity))
      throw new ForbiddenException('this calendar needs one of the roles PROGRAM_MANAGER, MENTOR, INTERN');
    return identity;
  }

  private async authenticate(authorization: string | undefined, reply: FastifyReply): Promise<Identity> {
    const token = TokenVerifier.bearer(authorization);
    if (!token) {
      reply.header('www-authenticate', 'Bearer');
      throw new UnauthorizedException(
        'sign in: send Authorization: Bearer <token> (calendar apps: subscribe to a feed from createCalendarFeed)',
      );
    }
    try {
      return await this.verifier.verify(token);
    } catch {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw new UnauthorizedException('the token is invalid or expired');
    }
  }
}
