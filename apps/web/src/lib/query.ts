import { useCallback, useEffect, useSyncExternalStore } from 'react';

/**
 * A small keyed cache for API reads, in the spirit of stale-while-revalidate: a page shows what it
 * fetched last time at once and refreshes it in the background; the first visit shows a loading
 * state. Mutations update the cache directly (`setQueryData`) for optimistic updates and roll back
 * on failure.
 */
type Entry = {
  data?: unknown;
  error?: unknown;
  /** A request in flight for this key, shared by every caller. */
  promise?: Promise<unknown>;
  fetcher?: () => Promise<unknown>;
  updatedAt: number;
  listeners: Set<() => void>;
  /** Replaced on every change so useSyncExternalStore sees a new snapshot. */
  snapshot: QueryState<unknown>;
};

export type QueryState<T> = {
  data: T | undefined;
  error: unknown;
  /** True while the first fetch runs (no data yet). */
  loading: boolean;
  /** True while any fetch runs, including a background refresh. */
  fetching: boolean;
};

const cache = new Map<string, Entry>();
const EMPTY: QueryState<never> = {
  data: undefined,
  error: undefined,
  loading: true,
  fetching: true,
};

function entry(key: string): Entry {
  let found = cache.get(key);
  if (!found) {
    found = { updatedAt: 0, listeners: new Set(), snapshot: EMPTY };
    cache.set(key, found);
  }
  return found;
}

function notify(item: Entry) {
  item.snapshot = {
    data: item.data,
    error: item.error,
    loading: item.data === undefined && item.error === undefined,
    fetching: Boolean(item.promise),
  };
  item.listeners.forEach((listener) => listener());
}

/** Fetches `key` (sharing a request already running) and stores the answer or the error. */
export function fetchQuery<T>(key: string, fetcher?: () => Promise<T>): Promise<T> {
  const item = entry(key);
  if (fetcher) item.fetcher = fetcher;
  if (item.promise) return item.promise as Promise<T>;
  if (!item.fetcher) return Promise.reject(new Error(`No fetcher for query "${key}"`));
  const promise = item.fetcher().then(
    (data) => {
      if (item.promise === promise) {
        item.data = data;
        item.error = undefined;
        item.updatedAt = Date.now();
        item.promise = undefined;
        notify(item);
      }
      return data;
    },
    (error: unknown) => {
      if (item.promise === promise) {
        item.error = error;
        item.promise = undefined;
        notify(item);
      }
      throw error;
    },
  );
  item.promise = promise;
  notify(item);
  return promise as Promise<T>;
}

/** Reads `key`, fetching on mount (and again whenever the key changes). Pass null to skip. */
export function useQuery<T>(
  key: string | null,
  fetcher: () => Promise<T>,
): QueryState<T> & { refresh: () => Promise<T | undefined> } {
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!key) return () => {};
      const item = entry(key);
      item.listeners.add(listener);
      return () => item.listeners.delete(listener);
    },
    [key],
  );
  const getSnapshot = () => (key ? entry(key).snapshot : EMPTY);
  const state = useSyncExternalStore(subscribe, getSnapshot, getSnapshot) as QueryState<T>;

  useEffect(() => {
    if (!key) return;
    fetchQuery(key, fetcher).catch(() => {
      /* kept in the entry's error */
    });
    // The fetcher is expected to depend only on the key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const refresh = useCallback(
    () => (key ? fetchQuery<T>(key).catch(() => undefined) : Promise.resolve(undefined)),
    [key],
  );
  return { ...state, refresh };
}

/** The cached data for `key`, if any. */
export function getQueryData<T>(key: string): T | undefined {
  return cache.get(key)?.data as T | undefined;
}

/**
 * Replaces the cached data (for optimistic updates); returns the previous value to roll back to.
 * A request still running for the key is dropped so its older answer cannot overwrite this one.
 */
export function setQueryData<T>(
  key: string,
  update: T | ((current: T | undefined) => T),
): T | undefined {
  const item = entry(key);
  const previous = item.data as T | undefined;
  item.data =
    typeof update === 'function' ? (update as (current: T | undefined) => T)(previous) : update;
  item.error = undefined;
  item.promise = undefined;
  notify(item);
  return previous;
}

/** Refetches every cached key starting with `prefix` that has a fetcher (e.g. after a change). */
export function invalidateQueries(prefix: string): Promise<unknown> {
  const keys = [...cache.keys()].filter((key) => key.startsWith(prefix));
  return Promise.allSettled(
    keys.map((key) => {
      const item = cache.get(key)!;
      item.promise = undefined;
      return item.fetcher ? fetchQuery(key) : undefined;
    }),
  );
}

/** Forgets every cached key starting with `prefix` (e.g. an organization that is gone). */
export function removeQueries(prefix = ''): void {
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}
