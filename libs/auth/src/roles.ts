export const ROLES = ['PROGRAM_MANAGER', 'MENTOR', 'INTERN'] as const;
export type Role = (typeof ROLES)[number];
