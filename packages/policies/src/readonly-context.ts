import { isLiveHandle, type LiveHandle } from './live-handle';

type Primitive = string | number | bigint | boolean | symbol | null | undefined;

/**
 * The read-only view of a context that policies receive. Arrays become readonly arrays,
 * Maps and Sets become ReadonlyMap / ReadonlySet, objects get readonly properties all the way down.
 */
export type DeepReadonly<T> = T extends Primitive | Date | ((...args: never[]) => unknown)
  ? T
  : T extends LiveHandle<unknown>
    ? T
    : T extends ReadonlyMap<infer K, infer V>
      ? ReadonlyMap<DeepReadonly<K>, DeepReadonly<V>>
      : T extends ReadonlySet<infer V>
        ? ReadonlySet<DeepReadonly<V>>
        : { readonly [K in keyof T]: DeepReadonly<T[K]> };

/**
 * Copies the caller's context so that nothing the caller does after `evaluate()` starts
 * (or before it settles) changes what the policies see.
 */
export function snapshotContext<Ctx>(context: Ctx): Ctx {
  const { data, handles } = splitLiveHandles(context);
  try {
    return joinLiveHandles(structuredClone(data), handles);
  } catch (error) {
    throw new TypeError(
      'Policy context must be plain data (objects, arrays, Dates, Maps, Sets, primitives); ' +
        'it could not be copied.',
      { cause: error },
    );
  }
}

/**
 * A fresh, deep-frozen copy for one policy. Freezing cannot stop Date/Map/Set setters
 * (they write internal slots), so each policy gets its own copy to keep them isolated.
 */
export function readonlyCopy<Ctx>(snapshot: Ctx): DeepReadonly<Ctx> {
  const { data, handles } = splitLiveHandles(snapshot);
  const copy = structuredClone(data);
  deepFreeze(copy);
  if (handles.length === 0) return copy as DeepReadonly<Ctx>;
  return Object.freeze(joinLiveHandles({ ...copy }, handles)) as DeepReadonly<Ctx>;
}

type Handles = Array<[string, unknown]>;

/** Top-level live handles (see `liveHandle`) are passed by reference, the rest is copied. */
function splitLiveHandles<Ctx>(context: Ctx): { data: Ctx; handles: Handles } {
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    return { data: context, handles: [] };
  }
  const handles: Handles = [];
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) {
    if (isLiveHandle(value)) handles.push([key, value]);
    else data[key] = value;
  }
  return handles.length ? { data: data as Ctx, handles } : { data: context, handles };
}

function joinLiveHandles<Ctx>(data: Ctx, handles: Handles): Ctx {
  for (const [key, value] of handles) (data as Record<string, unknown>)[key] = value;
  return data;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  // Object.freeze throws on non-empty typed arrays / DataViews.
  if (ArrayBuffer.isView(value)) return;

  // Freeze before recursing so cyclic references terminate on the isFrozen check.
  Object.freeze(value);

  if (value instanceof Map) {
    for (const [key, entry] of value) {
      deepFreeze(key);
      deepFreeze(entry);
    }
    return;
  }
  if (value instanceof Set) {
    for (const entry of value) deepFreeze(entry);
    return;
  }
  for (const key of Reflect.ownKeys(value)) {
    deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
}
