type Primitive = string | number | bigint | boolean | symbol | null | undefined;

/**
 * The read-only view of a context that policies receive. Arrays become readonly arrays,
 * Maps and Sets become ReadonlyMap / ReadonlySet, objects get readonly properties all the way down.
 */
export type DeepReadonly<T> = T extends Primitive | Date | ((...args: never[]) => unknown)
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
  try {
    return structuredClone(context);
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
  const copy = structuredClone(snapshot);
  deepFreeze(copy);
  return copy as DeepReadonly<Ctx>;
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
