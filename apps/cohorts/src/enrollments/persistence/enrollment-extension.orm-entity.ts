import { Entity } from 'typeorm';
import { IntColumn, TextColumn, TimestampColumn, UuidColumn, UuidRow } from '#platform';

/** Row of `enrollment_extensions`: one extension of an intern's program. */
@Entity({ name: 'enrollment_extensions' })
export class EnrollmentExtensionOrmEntity extends UuidRow {
  @UuidColumn()
  enrollmentId: string;

  @IntColumn()
  weeks: number;

  @IntColumn()
  afterWeek: number;

  @TextColumn()
  reason: string;

  @TextColumn()
  source: string;

  /** The evaluation a MIDPOINT_DECISION came from (unique: applied once). */
  @TextColumn({ nullable: true })
  sourceRef: string | null;

  @TextColumn()
  grantedBy: string;

  @TimestampColumn()
  grantedAt: Date;
}
