declare const liveHandleBrand: unique symbol;

/**
 * A value a context passes to policies by reference instead of copying: a database handle,
 * a client. Policies receive it as it is (not frozen, not cloned); everything else in the
 * context stays a read-only snapshot.
 */
export type LiveHandle<T> = T & { readonly [liveHandleBrand]: true };

const handles = new WeakSet<object>();

/** Marks `value` to be passed by reference when it sits at the top level of a policy context. */
export function liveHandle<T extends object>(value: T): LiveHandle<T> {
  handles.add(value);
  return value as LiveHandle<T>;
}

export function isLiveHandle(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null
    ? handles.has(value)
    : false;
}
