import { commandMutation } from '#platform';
import { MentorFeedbackType } from '../../graphql/mentor-feedback.type.js';
import { SubmitMentorFeedbackCommand } from './submit-mentor-feedback.command.js';
import { SubmitMentorFeedbackInput } from './submit-mentor-feedback.input.js';

export const SubmitMentorFeedbackResolver = commandMutation(SubmitMentorFeedbackInput, () => MentorFeedbackType, {
  roles: ['INTERN'],
  description:
    "The signed-in intern's feedback on their primary mentor for a cycle, once its evaluation window opened; correctable while it is open",
  command: (input, user) =>
    new SubmitMentorFeedbackCommand(user.sub, {
      cycle: input.cycle,
      ratings: input.ratings ?? [],
      comments: input.comments,
    }),
});
