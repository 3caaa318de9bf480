import { z } from 'zod';

/** Field schemas shared by several contracts. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const isoDateTime = z.string().datetime({ offset: true });
export const id = z.string().min(1);
export const workMode = z.enum(['REMOTE', 'HYBRID', 'ON_SITE']);
export const degreeLevel = z.enum(['UNDERGRADUATE', 'MASTERS', 'PHD']);
export const cohortPhase = z.enum(['ONBOARDING', 'SCOPING', 'BUILD', 'MIDPOINT', 'FINAL_PRESENTATIONS', 'COMPLETED']);
export const mentorRole = z.enum(['PRIMARY', 'CO_MENTOR']);
export const progress = z.enum(['OFF_TRACK', 'AT_RISK', 'ON_TRACK', 'AHEAD']);
export const evaluationCycle = z.enum(['MIDPOINT', 'FINAL']);
export const riskLevel = z.enum(['GREEN', 'AMBER', 'RED']);
export const week = z.number().int().min(1);
