import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { GraphQLRequestContext } from '#auth';
import { PerRequest } from '#platform';
import type { ExtensionRecord } from '../../enrollments/domain/enrollment.js';
import type { OnboardingTask } from '../../onboarding/domain/onboarding.js';
import type { PresentationSlotSnapshot } from '../../presentations/domain/presentation-slot.js';
import type { TechTalkSnapshot } from '../../tech-talks/domain/tech-talk.js';
import { ProgramReadRepository, type InternTalk } from '../persistence/program-read.repository.js';
import { pageLoader, type PageKey } from './page.loaders.js';

/** The DataLoaders of one GraphQL request for talks, slots, checklists and extensions. */
export interface ProgramRequestLoaders {
  talkPage: DataLoader<PageKey, TechTalkSnapshot[], string>;
  talkCount: DataLoader<string, number>;
  slotPage: DataLoader<PageKey, PresentationSlotSnapshot[], string>;
  slotCount: DataLoader<string, number>;
  talk: DataLoader<string, TechTalkSnapshot | null>;
  slot: DataLoader<string, PresentationSlotSnapshot | null>;
  checklist: DataLoader<string, OnboardingTask[]>;
  completions: DataLoader<string, Map<string, Date>>;
  extensions: DataLoader<string, ExtensionRecord[]>;
  /** Key `cohortId/internId`. */
  booking: DataLoader<string, PresentationSlotSnapshot | null>;
  mentorName: DataLoader<string, string | null>;
  /** The caller's RSVP and attendance, per talk id. */
  myTalkMarks: DataLoader<string, { rsvped: boolean; attended: boolean }>;
  talkAttendance: DataLoader<string, { talks: number; rsvped: number; attended: number }>;
  /** A page of the talks of an intern's cohorts, keyed by intern id. */
  internTalkPage: DataLoader<PageKey, InternTalk[], string>;
}

/** One set of loaders per request (per GraphQL context object), like CohortLoaders. */
@Injectable()
export class ProgramLoaders {
  private readonly perRequest = new PerRequest((context: GraphQLRequestContext) => this.create(context));

  constructor(private readonly read: ProgramReadRepository) {}

  for(context: GraphQLRequestContext): ProgramRequestLoaders {
    return this.perRequest.for(context);
  }

  private create(context: GraphQLRequestContext): ProgramRequestLoaders {
    const caller = context.identity?.sub;
    const byId = <T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>) =>
      new DataLoader<string, T | null>(async (ids) => {
        const found = new Map((await fetch(ids)).map((x) => [x.id, x]));
        return ids.map((id) => found.get(id) ?? null);
      });
    const byMap = <T>(fetch: (ids: readonly string[]) => Promise<Map<string, T>>, fallback: () => T) =>
      new DataLoader<string, T>(async (ids) => {
        const found = await fetch(ids);
        return ids.map((id) => found.get(id) ?? fallback());
      });
    return {
      talkPage: pageLoader((ids, page) => this.read.talkPages(ids, page)),
      talkCount: byMap(
        (ids) => this.read.talkCounts(ids),
        () => 0,
      ),
      slotPage: pageLoader((ids, page) => this.read.slotPages(ids, page)),
      slotCount: byMap(
        (ids) => this.read.slotCounts(ids),
        () => 0,
      ),
      talk: byId((ids) => this.read.talks(ids)),
      slot: byId((ids) => this.read.slots(ids)),
      checklist: byMap(
        (ids) => this.read.checklists(ids),
        () => [],
      ),
      completions: byMap(
        (ids) => this.read.completions(ids),
        () => new Map(),
      ),
      extensions: byMap(
        (ids) => this.read.extensions(ids),
        () => [],
      ),
      booking: new DataLoader<string, PresentationSlotSnapshot | null>(async (keys) => {
        const found = await this.read.bookings(
          keys.map((k) => {
            const [cohortId, ...rest] = k.split('/');
            return { cohortId: cohortId!, internId: rest.join('/') };
          }),
        );
        return keys.map((k) => found.get(k) ?? null);
      }),
      mentorName: byMap(
        (ids) => this.read.mentorNames(ids) as Promise<Map<string, string | null>>,
        () => null,
      ),
      myTalkMarks: new DataLoader(async (talkIds) => {
        if (!caller) return talkIds.map(() => ({ rsvped: false, attended: false }));
        const { rsvped, attended } = await this.read.internTalkMarks(caller, talkIds);
        return talkIds.map((id) => ({ rsvped: rsvped.has(id), attended: attended.has(id) }));
      }),
      talkAttendance: byMap(
        (ids) => this.read.talkAttendance(ids),
        () => ({ talks: 0, rsvped: 0, attended: 0 }),
      ),
      internTalkPage: pageLoader((ids, page) => this.read.internTalkPages(ids, page)),
    };
  }
}
