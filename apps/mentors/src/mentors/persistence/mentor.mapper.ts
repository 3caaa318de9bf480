import { Mentor } from '../domain/mentor.js';
import { MentorOrmEntity } from './mentor.orm-entity.js';

export const MentorMapper = {
  toDomain(row: MentorOrmEntity): Mentor {
    // The row's columns are the aggregate's state, one for one.
    return Mentor.restore({ ...row });
  },

  toOrm(mentor: Mentor): MentorOrmEntity {
    return Object.assign(new MentorOrmEntity(), mentor.snapshot());
  },
};
