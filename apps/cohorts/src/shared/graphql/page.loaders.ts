import DataLoader from 'dataloader';
import type { CursorKey } from '#platform';

/** One page of a list that belongs to `ownerId` (a cohort's talks, an intern's talks, …). */
export interface PageKey {
  ownerId: string;
  limit: number;
  after?: CursorKey;
}

function pageKey(k: PageKey): string {
  return JSON.stringify([k.ownerId, k.limit, k.after?.sort ?? null, k.after?.id ?? null]);
}

/** A loader of one page per owner: one query per distinct page request, covering all its owners. */
export function pageLoader<T>(
  fetch: (ownerIds: string[], page: { limit: number; after?: CursorKey }) => Promise<Map<string, T[]>>,
): DataLoader<PageKey, T[], string> {
  return new DataLoader<PageKey, T[], string>(
    async (keys) => {
      const groups = new Map<string, PageKey[]>();
      for (const key of keys) {
        const g = JSON.stringify([key.limit, key.after?.sort ?? null, key.after?.id ?? null]);
        groups.set(g, [...(groups.get(g) ?? []), key]);
      }
      const pages = new Map<string, T[]>();
      for (const group of groups.values()) {
        const { limit, after } = group[0]!;
        const byOwner = await fetch(
          group.map((k) => k.ownerId),
          { limit, after },
        );
        for (const k of group) pages.set(pageKey(k), byOwner.get(k.ownerId) ?? []);
      }
      return keys.map((k) => pages.get(pageKey(k)) ?? []);
    },
    { cacheKeyFn: pageKey },
  );
}
