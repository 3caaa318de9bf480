/** A mentor's role for an intern: one primary mentor per intern, any number of co-mentors. */
export const ASSIGNMENT_ROLES = ['PRIMARY', 'CO_MENTOR'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
