import type { QueryRunner } from 'typeorm';
import { Column, PrimaryColumn } from 'typeorm';

/**
 * The `interns` projection table that `projectEnrollment` writes, as the scoping and evaluations
 * services each create it in their own database (in their first projection migration; columns
 * either service adds later come in its own later migrations). The statements are sent exactly as
 * those migrations first sent them (a migration that has run never changes what it sends).
 */
export async function createInternsTable(queryRunner: Pick<QueryRunner, 'query'>): Promise<void> {
  await queryRunner.query(`
      CREATE TABLE interns (
        intern_id text NOT NULL,
        cohort_id text NOT NULL,
        enrollment_id text NOT NULL,
        name text NOT NULL,
        enrolled_at timestamptz NOT NULL,
        PRIMARY KEY (intern_id, cohort_id)
      )`);
  await queryRunner.query(`CREATE INDEX interns_cohort_idx ON interns (cohort_id)`);
}

/** The columns of that table as `projectEnrollment` writes them: a service's `interns` entity extends it with its own. */
export abstract class InternsTableColumns {
  @PrimaryColumn({ name: 'intern_id', type: 'text' }) internId: string;
  @PrimaryColumn({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @Column({ name: 'enrollment_id', type: 'text' }) enrollmentId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'enrolled_at', type: 'timestamptz' }) enrolledAt: Date;
}
