import DataLoader from 'dataloader';

const perContext = new WeakMap<object, Map<string, DataLoader<unknown, unknown>>>();

/**
 * The DataLoader named `name` for one GraphQL request: created on first use and kept for the
 * life of the request's context object, so that every field resolved in that request shares it
 * (one batched query per loader and tick) and nothing is cached across requests.
 */
export function requestLoader<K, V>(
  context: object | undefined,
  name: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
): DataLoader<K, V> {
  if (!context) return new DataLoader<K, V>(batch);
  let loaders = perContext.get(context);
  if (!loaders) {
    loaders = new Map();
    perContext.set(context, loaders);
  }
  let loader = loaders.get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch);
    loaders.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** Groups rows by a key, in the order of `keys` (what a DataLoader batch function returns). */
export function groupByKeys<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return keys.map((k) => groups.get(k) ?? []);
}
