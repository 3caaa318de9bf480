import { registerEnumType } from '@nestjs/graphql';

/** SPEC §5 `progress` of logCheckIn. */
export enum CheckInProgressEnum {
  OFF_TRACK = 'OFF_TRACK',
  AT_RISK = 'AT_RISK',
  ON_TRACK = 'ON_TRACK',
  AHEAD = 'AHEAD',
}

registerEnumType(CheckInProgressEnum, {
  name: 'CheckInProgress',
  description: 'How the intern is doing, as the mentor sees it.',
});

export enum CheckInWeekStateEnum {
  CHECKED_IN = 'CHECKED_IN',
  MISSED = 'MISSED',
  DUE = 'DUE',
  UPCOMING = 'UPCOMING',
  NOT_EXPECTED = 'NOT_EXPECTED',
}

registerEnumType(CheckInWeekStateEnum, {
  name: 'CheckInWeekState',
  description:
    'CHECKED_IN: a check-in was logged that week. MISSED: none, detected when the next week started. DUE: the current week, none yet. UPCOMING: not started. NOT_EXPECTED: a past week with neither (no mentor then).',
  valuesMap: {
    CHECKED_IN: { description: 'A check-in was logged for the week.' },
    MISSED: { description: 'No check-in; detected as missed when the next week started.' },
    DUE: { description: 'The cohort’s current week; no check-in yet.' },
    UPCOMING: { description: 'The week has not started yet.' },
    NOT_EXPECTED: { description: 'A past week without a check-in that was not expected (no mentor assigned then).' },
  },
});
