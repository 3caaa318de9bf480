import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MatchExclusion } from '../domain/preferences.js';

/** Row of `matching_preferences`: a cohort's weights and excluded pairs (replaced as a whole). */
@Entity({ name: 'matching_preferences' })
export class MatchingPreferencesOrmEntity {
  @PrimaryColumn({ name: 'cohort_id', type: 'text' })
  cohortId: string;

  @Column({ name: 'expertise_weight', type: 'double precision' })
  expertiseWeight: number;

  @Column({ name: 'timezone_weight', type: 'double precision' })
  timezoneWeight: number;

  @Column({ name: 'workload_weight', type: 'double precision' })
  workloadWeight: number;

  @Column({ type: 'jsonb' })
  exclusions: MatchExclusion[];

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
