import { allocateLargestRemainder, minorUnitsFromDecimal } from "@niaga/core/shared/money";
import { describe, expect, it } from "vitest";

describe("money", () => {
  it("reads gateway decimal amounts into minor units exactly, refusing what the currency cannot hold", () => {
    expect(minorUnitsFromDecimal("150000.00", 2)).toBe(15_000_000);
    expect(minorUnitsFromDecimal("150000", 2)).toBe(15_000_000);
    expect(minorUnitsFromDecimal(150000, 2)).toBe(15_000_000);
    expect(minorUnitsFromDecimal("0.29", 2)).toBe(29);
    expect(minorUnitsFromDecimal("12.5", 2)).toBe(1250);
    expect(minorUnitsFromDecimal("12.500", 2)).toBe(1250);
    expect(() => minorUnitsFromDecimal("12.345", 2)).toThrow(RangeError);
    expect(() => minorUnitsFromDecimal("1e5", 2)).toThrow(RangeError);
  });

  it("splits by largest remainder so the parts add up", () => {
    const parts = allocateLargestRemainder(100, [
      { key: "a", weight: 1 },
      { key: "b", weight: 1 },
      { key: "c", weight: 1 },
    ]);
    expect([...parts.values()].reduce((sum, part) => sum + part, 0)).toBe(100);
    expect(Object.fromEntries(parts)).toEqual({ a: 34, b: 33, c: 33 });
  });
});
