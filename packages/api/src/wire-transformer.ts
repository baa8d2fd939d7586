import superjson from "superjson";

// superjson copies every value it serializes, building a path array per node to note where Dates,
// Maps, undefined and repeated references sit: about 15% of the API's CPU on a 20-card list page.
// Most answers hold nothing but JSON and Dates. For those, superjson's output is the value itself
// (a Date goes out as its ISO string, which is what JSON.stringify writes for it) plus, when there
// are Dates, a meta note of their paths.

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** superjson's path syntax: segments joined by dots, dots and backslashes in a key escaped. */
function pathOf(keys: readonly string[]): string {
  return keys.map((key) => key.replace(/\\/g, "\\\\").replace(/\./g, "\\.")).join(".");
}

/**
 * Whether superjson would send `value` as it is: strings, booleans, null, finite numbers (not
 * -0), valid Dates below the root, and arrays and plain objects of those, each object reached
 * once (superjson notes repeated references). The Dates' paths are pushed to `datePaths` in
 * superjson's order. Keys superjson refuses as prototype pollution answer false, so superjson
 * itself then refuses them.
 */
export function isWireReady(value: unknown, datePaths: string[] = [], keys: string[] = [], seen = new Set<object>()) {
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
  if (value instanceof Date) {
    if (keys.length === 0 || Number.isNaN(value.getTime())) return false;
    datePaths.push(pathOf(keys));
    return true;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      keys.push(String(index));
      const ready = isWireReady(value[index], datePaths, keys, seen);
      keys.pop();
      if (!ready) return false;
    }
    return true;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return false;
    keys.push(key);
    const ready = isWireReady((value as Record<string, unknown>)[key], datePaths, keys, seen);
    keys.pop();
    if (!ready) return false;
  }
  return true;
}

function serialize(value: unknown) {
  const datePaths: string[] = [];
  if (!isWireReady(value, datePaths)) return superjson.serialize(value);
  if (datePaths.length === 0) return { json: value };
  const values: Record<string, ["Date"]> = {};
  for (const path of datePaths) values[path] = ["Date"];
  return { json: value, meta: { values, v: 1 } };
}

/**
 * superjson, as on the wire everywhere in Niaga, with a fast path for values of plain JSON and
 * Dates. Once JSON.stringify has run (as tRPC and the SSE transport do), the bytes are exactly
 * superjson's, so every client reads them with superjson's deserialize.
 */
export const wireTransformer = {
  serialize,
  deserialize: (payload: unknown) => superjson.deserialize(payload as Parameters<typeof superjson.deserialize>[0]),
};
