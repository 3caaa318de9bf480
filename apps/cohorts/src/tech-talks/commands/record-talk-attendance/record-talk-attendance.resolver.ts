import { commandMutation } from '#platform';
import { TechTalkType } from '../../graphql/tech-talk.type.js';
import { RecordTalkAttendanceCommand } from './record-talk-attendance.command.js';
import { RecordTalkAttendanceInput } from './record-talk-attendance.input.js';

export const RecordTalkAttendanceResolver = commandMutation(RecordTalkAttendanceInput, () => TechTalkType, {
  roles: ['PROGRAM_MANAGER'],
  description: 'Records which interns attended a talk, once it has started (program managers)',
  command: (input, user) => new RecordTalkAttendanceCommand(input.talkId, input.internIds, user),
});
