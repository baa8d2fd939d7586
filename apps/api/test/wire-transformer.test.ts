import { isWireReady, wireTransformer } from "@niaga/api";
import superjson from "superjson";
import { describe, expect, it } from "vitest";

const shared = { id: "p1" };
const cases: [string, unknown][] = [
  ["a card page", { items: [{ id: "a", minPrice: 1_500_000, rating: { average: 4.5, count: 2 }, imageUrl: null }] }],
  ["an empty answer", {}],
  ["a bare string", "ok"],
  ["nested arrays", [[1, 2], [], [{ ok: true }]]],
  ["a null-prototype object", Object.assign(Object.create(null), { a: 1 })],
  ["a Date", { createdAt: new Date("2026-12-01T09:00:00Z") }],
  [
    "Dates in arrays and under dotted keys",
    {
      orders: [
        { placedAt: new Date("2026-12-01T09:00:00Z"), events: [{ at: new Date(0) }, { at: new Date(1) }] },
        { placedAt: new Date("2026-12-02T00:00:00Z"), events: [] },
      ],
      "odd.key\\here": { when: new Date(5) },
      3: new Date(7),
    },
  ],
  ["a Date at the root", new Date(0)],
  [
    "one Date reached twice",
    (() => {
      const d = new Date(0);
      return { a: d, b: d };
    })(),
  ],
  ["undefined in an object", { a: undefined, b: 1 }],
  ["undefined in an array", [1, undefined]],
  ["a Map", { m: new Map([["k", 1]]) }],
  ["a Set", new Set([1, 2])],
  ["a bigint", { n: 10n }],
  ["NaN", { n: Number.NaN }],
  ["Infinity", [Number.POSITIVE_INFINITY]],
  ["-0", { n: -0 }],
  ["one object reached twice", { a: shared, b: shared }],
  ["a class instance", { url: new URL("https://niaga.test/p") }],
  ["a top-level undefined", undefined],
];

describe("the wire transformer", () => {
  it.each(cases)("serializes %s exactly as superjson does, and reads it back the same", (_name, value) => {
    const ours = wireTransformer.serialize(value);
    expect(JSON.stringify(ours)).toBe(JSON.stringify(superjson.serialize(value)));
    expect(superjson.deserialize(JSON.parse(JSON.stringify(ours)))).toEqual(value);
    expect(wireTransformer.deserialize(JSON.parse(JSON.stringify(ours)))).toEqual(value);
  });

  it("takes the fast path only for JSON and Dates below the root, noting the Dates' paths", () => {
    const paths: string[] = [];
    expect(isWireReady({ items: [{ id: "a", n: 1, ok: false, none: null, at: new Date(0) }] }, paths)).toBe(true);
    expect(paths).toEqual(["items.0.at"]);
    const invalid = { d: new Date(Number.NaN) };
    expect(JSON.stringify(wireTransformer.serialize(invalid))).toBe(JSON.stringify(superjson.serialize(invalid)));
    for (const value of [
      invalid,
      new Date(),
      { a: undefined },
      { a: shared, b: shared },
      { n: -0 },
      [Number.NaN],
      new Map(),
    ]) {
      expect(isWireReady(value)).toBe(false);
    }
  });

  it("still refuses keys superjson treats as prototype pollution", () => {
    const polluted = JSON.parse('{"__proto__": {"admin": true}}');
    expect(() => wireTransformer.serialize(polluted)).toThrow(/prototype pollution/);
  });
});
