import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isIsoDate, ValidationError, Violations } from '#ddd';
import { MentorFeedbackRepository } from '../../../feedback/persistence/mentor-feedback.repository.js';
import { programEndedOn, programReportRow, type ProgramReportRow } from '../../domain/program-report.js';
import { ReturnOffersRepository } from '../../persistence/return-offers.repository.js';
import { CohortReportHandler } from '../cohort-report/cohort-report.handler.js';
import { CohortReportQuery } from '../cohort-report/cohort-report.query.js';
import { ProgramReportQuery } from './program-report.query.js';

/** At most this many days between `from` and `to`. */
const MAX_RANGE_DAYS = 3660;

/**
 * `programReport(from, to)`: one row per COMPLETED cohort whose program ended (the last day of its
 * weeks) in [from, to], ordered by that day then name. Each row reuses the cohort report (so the
 * rates and the NPS are the same numbers), plus the offers recorded and the mentor feedback.
 */
@QueryHandler(ProgramReportQuery)
export class ProgramReportHandler implements IQueryHandler<ProgramReportQuery> {
  constructor(
    private readonly offers: ReturnOffersRepository,
    private readonly feedback: MentorFeedbackRepository,
    private readonly cohortReports: CohortReportHandler,
  ) {}

  async execute({ from, to }: ProgramReportQuery): Promise<ProgramReportRow[]> {
    const v = new Violations();
    v.check(isIsoDate(from), 'from', 'must be a date YYYY-MM-DD');
    v.check(isIsoDate(to), 'to', 'must be a date YYYY-MM-DD');
    v.throwIfAny();
    if (to < from) throw new ValidationError([{ field: 'to', message: 'must not be before from' }]);
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (days > MAX_RANGE_DAYS) throw new ValidationError([{ field: 'to', message: 'at most ten years after from' }]);
    const ended = (await this.offers.completedCohorts())
      .map((c) => ({ ...c, endedOn: programEndedOn(c) }))
      .filter((c) => c.endedOn >= from && c.endedOn <= to);
    const ids = ended.map((c) => c.cohortId);
    const [offers, feedback] = await Promise.all([this.offers.ofCohorts(ids), this.feedback.ofCohorts(ids)]);
    const rows = await Promise.all(
      ended.map(async (c) => {
        const report = await this.cohortReports.execute(new CohortReportQuery(c.cohortId));
        return programReportRow(
          { ...report, cohortName: report.cohortName ?? c.name },
          c.endedOn,
          offers.filter((o) => o.cohortId === c.cohortId),
          feedback.filter((f) => f.cohortId === c.cohortId).map((f) => f.averageScore),
        );
      }),
    );
    return rows.sort(
      (a, b) => a.endedOn.localeCompare(b.endedOn) || (a.cohortName ?? '').localeCompare(b.cohortName ?? ''),
    );
  }
}
