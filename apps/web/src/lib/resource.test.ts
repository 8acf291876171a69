import { describe, expect, it, vi } from 'vitest';
import { createResource } from './resource';

describe('createResource', () => {
  it('fetches once, shares concurrent loads and caches the value', async () => {
    const fetcher = vi.fn(() => Promise.resolve({ n: 1 }));
    const resource = createResource(fetcher);
    expect(resource.get()).toBeUndefined();
    const [a, b] = await Promise.all([resource.load(), resource.load()]);
    expect(a).toBe(b);
    await resource.load();
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(resource.get()).toEqual({ n: 1 });
    expect(resource.updatedAt()).toBeGreaterThan(0);
  });

  it('refetches with force and notifies subscribers', async () => {
    let n = 0;
    const resource = createResource(() => Promise.resolve(++n));
    const listener = vi.fn();
    const unsubscribe = resource.subscribe(listener);
    await resource.load();
    await resource.load({ force: true });
    expect(resource.get()).toBe(2);
    resource.set(10);
    expect(listener).toHaveBeenCalledTimes(3);
    unsubscribe();
    resource.set(11);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('treats a set value (even null) as loaded', async () => {
    const fetcher = vi.fn(() => Promise.resolve<string | null>('fetched'));
    const resource = createResource(fetcher);
    resource.set(null);
    await expect(resource.load()).resolves.toBeNull();
    expect(fetcher).not.toHaveBeenCalled();
  });

  it('lets a failed load be retried', async () => {
    const fetcher = vi.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValueOnce('up');
    const resource = createResource<string>(fetcher);
    await expect(resource.load()).rejects.toThrow('down');
    await expect(resource.load()).resolves.toBe('up');
  });
});
