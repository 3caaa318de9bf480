import { Mentor } from '../domain/mentor.js';
import { MentorOrmEntity } from './mentor.orm-entity.js';

export const MentorMapper = {
  toDomain(row: MentorOrmEntity): Mentor {
    // The row's columns are the aggregate's state, one for one, working hours in two columns.
    const { workingHoursStart: start, workingHoursEnd: end, ...profile } = row;
    return Mentor.restore({ ...profile, workingHours: start && end ? { start, end } : null });
  },

  toOrm(mentor: Mentor): MentorOrmEntity {
    const { workingHours, ...profile } = mentor.snapshot();
    return Object.assign(new MentorOrmEntity(), profile, {
      workingHoursStart: workingHours?.start ?? null,
      workingHoursEnd: workingHours?.end ?? null,
    });
  },
};
