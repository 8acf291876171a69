import { describe, expect, it } from 'vitest';
import { isLiveHandle, liveHandle } from './live-handle';
import { readonlyCopy, snapshotContext } from './readonly-context';

describe('snapshotContext()', () => {
  it('deep-copies plain objects, arrays and Dates', () => {
    const original = {
      user: { id: 'u1', roles: ['owner', 'admin'] },
      createdAt: new Date('2024-01-02T03:04:05.000Z'),
    };
    const snapshot = snapshotContext(original);

    expect(snapshot).toEqual(original);
    expect(snapshot).not.toBe(original);
    expect(snapshot.user.roles).not.toBe(original.user.roles);
    expect(snapshot.createdAt).toBeInstanceOf(Date);
    expect(snapshot.createdAt.toISOString()).toBe('2024-01-02T03:04:05.000Z');
  });

  it('rejects contexts that cannot be copied, with a clear TypeError', () => {
    expect(() => snapshotContext({ callback: () => 1 })).toThrow(TypeError);
    expect(() => snapshotContext({ callback: () => 1 })).toThrow(/must be plain data/);
  });
});

describe('readonlyCopy()', () => {
  it('deep-freezes nested objects and arrays', () => {
    const copy = readonlyCopy({ user: { id: 'u1', roles: ['owner'] } });

    expect(Object.isFrozen(copy)).toBe(true);
    expect(Object.isFrozen(copy.user)).toBe(true);
    expect(Object.isFrozen(copy.user.roles)).toBe(true);
    expect(() => {
      (copy.user as { id: string }).id = 'u2';
    }).toThrow(TypeError);
    expect(() => {
      (copy.user.roles as string[]).push('admin');
    }).toThrow(TypeError);
    expect(copy.user).toEqual({ id: 'u1', roles: ['owner'] });
  });

  it('returns a new copy every time, so Date setters cannot leak between callers', () => {
    const snapshot = { at: new Date('2024-01-01T00:00:00.000Z') };
    const first = readonlyCopy(snapshot);
    first.at.setUTCFullYear(1999);

    const second = readonlyCopy(snapshot);

    expect(second.at.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(snapshot.at.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('freezes values inside Maps and Sets', () => {
    const copy = readonlyCopy({
      limits: new Map([['seats', { max: 5 }]]),
      tags: new Set([{ name: 'beta' }]),
    });

    expect(Object.isFrozen(copy.limits.get('seats'))).toBe(true);
    expect(Object.isFrozen([...copy.tags][0])).toBe(true);
  });

  it('handles cyclic references and typed arrays', () => {
    type Node = { name: string; self?: Node; bytes?: Uint8Array };
    const node: Node = { name: 'root', bytes: new Uint8Array([1, 2, 3]) };
    node.self = node;

    const copy = readonlyCopy(node);

    expect(copy.self).toBe(copy);
    expect(Object.isFrozen(copy)).toBe(true);
    expect([...(copy.bytes ?? [])]).toEqual([1, 2, 3]);
  });

  it('passes primitives through', () => {
    expect(readonlyCopy('org_1')).toBe('org_1');
    expect(readonlyCopy(42)).toBe(42);
    expect(readonlyCopy(null)).toBe(null);
  });
});

describe('live handles', () => {
  it('pass a top-level handle by reference, unfrozen, while the rest stays a frozen copy', () => {
    const database = liveHandle({
      queries: 0,
      query() {
        this.queries++;
      },
    });
    const context = { organizationId: 'o1', db: database, tags: ['a'] };

    const snapshot = snapshotContext(context);
    const copy = readonlyCopy(snapshot);

    expect(copy.db).toBe(database);
    expect(Object.isFrozen(database)).toBe(false);
    copy.db.query();
    expect(database.queries).toBe(1);
    expect(Object.isFrozen(copy)).toBe(true);
    expect(Object.isFrozen(copy.tags)).toBe(true);
    expect(copy.tags).not.toBe(context.tags);
    expect(isLiveHandle(database)).toBe(true);
    expect(isLiveHandle({})).toBe(false);
  });

  it('still refuse an unmarked function in the context', () => {
    expect(() => snapshotContext({ db: { query: () => 1 } })).toThrow(/must be plain data/);
  });
});
