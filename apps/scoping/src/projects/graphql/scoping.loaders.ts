import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { AssignmentRepository, mentorsKey } from '../../assignments/persistence/assignment.repository.js';
import { programKey, ProgramRepository, type InternProgram } from '../../program/persistence/program.repository.js';
import { NO_MENTORS, type InternMentors } from '../domain/access.js';
import type { ReportState } from '../domain/milestone-report.js';
import {
  ProjectReadRepository,
  type ProjectRecord,
  type VersionRecord,
} from '../persistence/project-read.repository.js';

/** An intern in a cohort: the key of their program and mentors. */
export interface InternKey {
  internId: string;
  cohortId: string;
}

/** The DataLoaders of one GraphQL request: one batched query per loader and tick, nothing cached across requests. */
export interface RequestLoaders {
  project: DataLoader<string, ProjectRecord | null>;
  projectOfIntern: DataLoader<string, ProjectRecord | null>;
  versions: DataLoader<string, VersionRecord[]>;
  reports: DataLoader<string, ReportState[]>;
  program: DataLoader<InternKey, InternProgram | null, string>;
  mentors: DataLoader<InternKey, InternMentors, string>;
  /** Whether an overdue notice went out, by `kind:subject`. */
  notice: DataLoader<string, boolean>;
}

function groupBy<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  return keys.map((k) => groups.get(k) ?? []);
}

/**
 * Hands out one set of DataLoaders per request, cached in a WeakMap keyed by the GraphQL context
 * object (one per request in Mercurius), so that batching and caching never cross requests or
 * callers.
 */
@Injectable()
export class ScopingLoaders {
  private readonly byContext = new WeakMap<object, RequestLoaders>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly read: ProjectReadRepository,
    private readonly programs: ProgramRepository,
    private readonly assignments: AssignmentRepository,
  ) {}

  for(context: object | undefined): RequestLoaders {
    if (!context) return this.create();
    let loaders = this.byContext.get(context);
    if (!loaders) {
      loaders = this.create();
      this.byContext.set(context, loaders);
    }
    return loaders;
  }

  private create(): RequestLoaders {
    const manager = this.dataSource.manager;
    const internKey = (k: InternKey) => programKey(k.internId, k.cohortId);
    return {
      project: new DataLoader(async (ids) => {
        const found = new Map((await this.read.byIds(ids)).map((p) => [p.id, p]));
        return ids.map((id) => found.get(id) ?? null);
      }),
      projectOfIntern: new DataLoader(async (internIds) => {
        const found = new Map((await this.read.latestOfInterns(internIds)).map((p) => [p.internId, p]));
        return internIds.map((id) => found.get(id) ?? null);
      }),
      versions: new DataLoader(async (projectIds) =>
        groupBy(projectIds, await this.read.versionsOf(projectIds), (v) => v.projectId),
      ),
      reports: new DataLoader(async (milestoneIds) =>
        groupBy(milestoneIds, await this.read.reportsOf(milestoneIds), (r) => r.milestoneId),
      ),
      program: new DataLoader(
        async (keys) => {
          const found = await this.programs.programs(manager, keys);
          return keys.map((k) => found.get(internKey(k)) ?? null);
        },
        { cacheKeyFn: internKey },
      ),
      mentors: new DataLoader(
        async (keys) => {
          const found = await this.assignments.mentorsOfMany(manager, keys);
          return keys.map((k) => found.get(mentorsKey(k.internId, k.cohortId)) ?? NO_MENTORS);
        },
        { cacheKeyFn: internKey },
      ),
      notice: new DataLoader(async (keys) => {
        const subjects = keys.map((k) => {
          const at = k.indexOf(':');
          return { kind: k.slice(0, at), subject: k.slice(at + 1) };
        });
        const found = new Set((await this.read.notices(subjects)).map((n) => `${n.kind}:${n.subject}`));
        return keys.map((k) => found.has(k));
      }),
    };
  }
}
