import { describe, expect, it } from 'vitest';
import { fetchQuery, getQueryData, invalidateQueries, removeQueries, setQueryData } from './query';

describe('query cache', () => {
  it('shares one request per key and stores the answer', async () => {
    let calls = 0;
    const fetcher = async () => ++calls;
    const [a, b] = await Promise.all([fetchQuery('k:1', fetcher), fetchQuery('k:1', fetcher)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    expect(getQueryData('k:1')).toBe(1);
  });

  it('lets an optimistic update win over an older answer still on its way', async () => {
    let resolve: (value: string) => void = () => {};
    const pending = fetchQuery('k:2', () => new Promise<string>((r) => (resolve = r)));
    const previous = setQueryData('k:2', 'optimistic');
    expect(previous).toBeUndefined();
    resolve('stale');
    await pending;
    expect(getQueryData('k:2')).toBe('optimistic');
  });

  it('refetches by prefix and forgets by prefix', async () => {
    let n = 0;
    await fetchQuery('org:1:members', async () => ++n);
    await invalidateQueries('org:1:');
    expect(getQueryData('org:1:members')).toBe(2);
    removeQueries('org:1:');
    expect(getQueryData('org:1:members')).toBeUndefined();
  });
});
