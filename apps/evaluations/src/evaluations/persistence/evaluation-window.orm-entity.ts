import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An intern's evaluation window as last announced (EvaluationDue when it opened, EvaluationOverdue when it closed). */
@Entity({ name: 'evaluation_windows' })
export class EvaluationWindowOrmEntity {
  @PrimaryColumn({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @PrimaryColumn({ name: 'intern_id', type: 'text' }) internId: string;
  @PrimaryColumn({ type: 'text' }) cycle: string;
  @Column({ type: 'int' }) week: number;
  @Column({ type: 'text' }) status: string;
  @Column({ name: 'due_announced', type: 'boolean', default: false }) dueAnnounced: boolean;
  @Column({ name: 'close_announced', type: 'boolean', default: false }) closeAnnounced: boolean;
}
