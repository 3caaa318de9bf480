import { Mentor } from '../domain/mentor.js';
import { MentorOrmEntity } from './mentor.orm-entity.js';

export const MentorMapper = {
  toDomain(row: MentorOrmEntity): Mentor {
    return Mentor.restore({
      mentorId: row.mentorId,
      name: row.name,
      email: row.email,
      team: row.team,
      expertise: row.expertise,
      timezone: row.timezone,
      capacity: row.capacity,
      cohortIds: row.cohortIds,
      registeredAt: row.registeredAt,
    });
  },

  toOrm(mentor: Mentor): MentorOrmEntity {
    const s = mentor.snapshot();
    const row = new MentorOrmEntity();
    row.mentorId = s.mentorId;
    row.name = s.name;
    row.email = s.email;
    row.team = s.team;
    row.expertise = s.expertise;
    row.timezone = s.timezone;
    row.capacity = s.capacity;
    row.cohortIds = s.cohortIds;
    row.registeredAt = s.registeredAt;
    return row;
  },
};
