import { Entity } from 'typeorm';
import { IntColumn, TextColumn } from '#platform';
import { Column } from 'typeorm';

/** Row of `intern_milestones`: a milestone of an intern's approved scope, for their calendar feed. */
@Entity({ name: 'intern_milestones' })
export class InternMilestoneOrmEntity {
  @TextColumn({ primary: true }) milestoneId: string;
  @TextColumn() projectId: string;
  @TextColumn() cohortId: string;
  @TextColumn() internId: string;
  @TextColumn() title: string;
  @IntColumn() dueWeek: number;
  @IntColumn() scopeVersion: number;
  @IntColumn() sequence: number;
  @Column({ type: 'boolean' }) removed: boolean;
}
