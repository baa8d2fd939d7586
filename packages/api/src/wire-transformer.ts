import superjson from "superjson";

// superjson copies every value it serializes, building a path array per node to note where Dates,
// Maps, undefined and repeated references sit: about 15% of the API's CPU on a 20-card list page.
// Most answers hold none of those, and for them superjson's output is just `{ json: value }`.

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Whether superjson would send `value` unchanged with no meta: strings, booleans, null, finite
 * numbers (not -0), and arrays and plain objects of those, each object reached once (superjson
 * notes repeated references). Keys superjson refuses as prototype pollution make it answer false
 * too, so superjson itself then refuses them.
 */
export function isPlainJson(value: unknown, seen: Set<object> = new Set()): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) if (!isPlainJson(value[index], seen)) return false;
    return true;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key) || !isPlainJson((value as Record<string, unknown>)[key], seen)) return false;
  }
  return true;
}

/**
 * superjson, as on the wire everywhere in Niaga, with a fast path for plain-JSON values: their
 * serialized form is exactly superjson's, so every client (superjson's deserialize) reads both.
 */
export const wireTransformer = {
  serialize: (value: unknown) => (isPlainJson(value) ? { json: value } : superjson.serialize(value)),
  deserialize: (payload: unknown) => superjson.deserialize(payload as Parameters<typeof superjson.deserialize>[0]),
};
