import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface RegisteredMentor {
  mentorId: string;
  name: string;
  email: string;
  team: string;
  timezone: string;
  registeredAt: Date;
}

/** The projection of MentorRegistered events: the mentors who may sit on a presentation panel. */
@Injectable()
export class RegisteredMentorRepository {
  /** Inserts or refreshes a mentor; an older event never overwrites a newer one. */
  async upsert(tx: EntityManager, mentor: RegisteredMentor): Promise<void> {
    await tx.query(
      `INSERT INTO registered_mentors (mentor_id, name, email, team, timezone, registered_at, projected_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (mentor_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, team = EXCLUDED.team,
         timezone = EXCLUDED.timezone, registered_at = EXCLUDED.registered_at, projected_at = now()
       WHERE registered_mentors.registered_at <= EXCLUDED.registered_at`,
      [mentor.mentorId, mentor.name, mentor.email, mentor.team, mentor.timezone, mentor.registeredAt],
    );
  }

  /** Which of the ids are registered mentors. */
  async registered(tx: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await tx.query(`SELECT mentor_id FROM registered_mentors WHERE mentor_id = ANY($1::text[])`, [
      [...ids],
    ])) as { mentor_id: string }[];
    return new Set(rows.map((r) => r.mentor_id));
  }
}
