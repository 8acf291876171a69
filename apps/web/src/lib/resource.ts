import { useSyncExternalStore } from 'react';

/**
 * A tiny client-side cache for one value fetched from the API: loaders await `load()`, components
 * read it with `use()` and re-render when it is `set()` or reloaded.
 */
export type Resource<T> = {
  /** The cached value, fetching it first if needed (or always, with `force`). Concurrent calls share one request. */
  load(opts?: { force?: boolean }): Promise<T>;
  /** The cached value, or undefined before the first load. */
  get(): T | undefined;
  /** When the value was last fetched or set (ms since epoch); 0 before that. */
  updatedAt(): number;
  set(value: T): void;
  /** Forgets the value (e.g. on sign-out): the next `load()` fetches again. */
  reset(): void;
  subscribe(listener: () => void): () => void;
  /** React hook: the current value (undefined before the first load). */
  use(): T | undefined;
};

export function createResource<T>(fetcher: () => Promise<T>): Resource<T> {
  let loaded = false;
  let value: T | undefined;
  let updated = 0;
  let inflight: Promise<T> | null = null;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());

  const resource: Resource<T> = {
    load({ force = false } = {}) {
      if (loaded && !force) return Promise.resolve(value as T);
      if (inflight) return inflight;
      inflight = fetcher()
        .then((next) => {
          resource.set(next);
          return next;
        })
        .finally(() => {
          inflight = null;
        });
      return inflight;
    },
    get: () => value,
    updatedAt: () => updated,
    set(next) {
      loaded = true;
      value = next;
      updated = Date.now();
      notify();
    },
    reset() {
      loaded = false;
      value = undefined;
      updated = 0;
      inflight = null;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    use() {
      return useSyncExternalStore(resource.subscribe, resource.get, resource.get);
    },
  };
  return resource;
}
