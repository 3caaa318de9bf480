import { commandMutation } from '#platform';
import { CheckInType } from '../../graphql/check-in.type.js';
import { LogCheckInCommand } from './log-check-in.command.js';
import { LogCheckInInput } from './log-check-in.input.js';

export const LogCheckInResolver = commandMutation(LogCheckInInput, () => CheckInType, {
  roles: ['MENTOR'],
  description: 'Logs a check-in with one of the calling mentor’s interns (FORBIDDEN for anyone else’s).',
  command: (input, caller) => new LogCheckInCommand({ ...input }, caller.sub),
  view: CheckInType.from,
});
