import { pageRequest, toConnection, type Connection, type CursorKey, type PageArgs } from './relay.js';

/** A validated page request: the page size and the decoded `after` cursor. */
export interface PageRequest {
  limit: number;
  after?: CursorKey;
}

/** The rows of one page (fetched with `limit + 1`) and the size of the whole list. */
export interface PageRows<R> {
  rows: R[];
  totalCount: number;
}

/** A connection with no edges: what a list the caller may not see answers. */
export function emptyConnection<T>(): Connection<T> {
  return {
    edges: [],
    totalCount: 0,
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  };
}

/**
 * One page of a keyset-ordered list as a Relay connection: `first`/`after` validated
 * (`pageRequest`), the rows and total fetched for that request, edges keyed by `key(row)` (the
 * sort value, then the id) and built with `toNode` (the row itself by default).
 */
export async function pagedConnection<R, T = R>(
  page: PageArgs,
  fetch: (request: PageRequest) => Promise<PageRows<R>>,
  key: (row: R) => CursorKey,
  toNode: (row: R) => T = (row) => row as unknown as T,
): Promise<Connection<T>> {
  const request = pageRequest(page);
  const { rows, totalCount } = await fetch(request);
  return toConnection(rows, request.limit, totalCount, key, toNode, !!request.after);
}
