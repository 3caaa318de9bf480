import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { GraphQLRequestContext } from '#auth';
import { UnauthenticatedError } from '#ddd';
import type { Identity } from '#platform';
import { ProgramRepository } from '../program/persistence/program.repository.js';
import { canSeeIntern } from './visibility.js';

const loaders = new WeakMap<object, DataLoader<string, string[]>>();

/** Reference and field resolvers call this too (besides the role guard), so that anonymous callers get UNAUTHENTICATED. */
export function requireIdentity(context: GraphQLRequestContext | undefined): Identity {
  if (!context?.identity) throw new UnauthenticatedError('sign in: this operation needs a bearer token');
  return context.identity;
}

/** The caller's relationship to interns, loaded once per request (batched). */
@Injectable()
export class Access {
  constructor(private readonly program: ProgramRepository) {}

  /** The active mentors of an intern, batched per GraphQL request. */
  mentorsOf(context: object | undefined, internId: string): Promise<string[]> {
    if (!context) return this.program.mentorsOf([internId]).then((m) => m.get(internId) ?? []);
    let loader = loaders.get(context);
    if (!loader) {
      loader = new DataLoader<string, string[]>(async (ids) => {
        const map = await this.program.mentorsOf(ids);
        return ids.map((id) => map.get(id) ?? []);
      });
      loaders.set(context, loader);
    }
    return loader.load(internId);
  }

  async canSeeIntern(context: GraphQLRequestContext | undefined, internId: string): Promise<boolean> {
    const caller = context?.identity;
    if (!caller) return false;
    if (canSeeIntern(caller, internId, [])) return true;
    return canSeeIntern(caller, internId, await this.mentorsOf(context, internId));
  }
}
