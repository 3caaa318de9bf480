import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `enrollment_extensions`: one extension of an intern's program. */
@Entity({ name: 'enrollment_extensions' })
export class EnrollmentExtensionOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'enrollment_id' })
  enrollmentId: string;

  @Column({ type: 'int' })
  weeks: number;

  @Column({ type: 'int', name: 'after_week' })
  afterWeek: number;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  source: string;

  /** The evaluation a MIDPOINT_DECISION came from (unique: applied once). */
  @Column({ type: 'text', name: 'source_ref', nullable: true })
  sourceRef: string | null;

  @Column({ type: 'text', name: 'granted_by' })
  grantedBy: string;

  @Column({ type: 'timestamptz', name: 'granted_at' })
  grantedAt: Date;
}
