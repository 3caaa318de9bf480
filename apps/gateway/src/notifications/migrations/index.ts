import { messagingTablesMigration } from '#messaging';
import { NotificationsIdempotency1733200000001 } from './1733200000001-notifications-idempotency.js';
import { MentorsKeptThroughWithdrawal1733300000000 } from './1733300000000-mentors-kept-through-withdrawal.js';
import { MentorNames1733300000001 } from './1733300000001-mentor-names.js';
import { EmailDeliveries1733400000000 } from './1733400000000-email-deliveries.js';
import { ErasedPeople1733620000000 } from './1733620000000-erased-people.js';

/** Every migration of the gateway's database, in order. */
export const gatewayMigrations = [
  messagingTablesMigration(1733200000000),
  NotificationsIdempotency1733200000001,
  MentorsKeptThroughWithdrawal1733300000000,
  MentorNames1733300000001,
  EmailDeliveries1733400000000,
  ErasedPeople1733620000000,
];
