import { newId } from "@niaga/core/shared/ids";
import { describe, expect, it } from "vitest";

describe("row ids", () => {
  it("are 24 lowercase base36 characters that start with their creation time", () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(id).toMatch(/^[0-9a-z]{24}$/);
    const made = Number.parseInt(id.slice(0, 9), 36);
    expect(made).toBeGreaterThanOrEqual(before);
    expect(made).toBeLessThanOrEqual(after);
  });

  it("sort in the order they were made, and never repeat within a millisecond", async () => {
    const first = newId();
    await new Promise((resolve) => setTimeout(resolve, 3));
    const second = newId();
    expect(first < second).toBe(true);
    const burst = Array.from({ length: 5_000 }, () => newId());
    expect(new Set(burst).size).toBe(burst.length);
  });

  it("are wholly random when short (a slug's suffix)", () => {
    const suffixes = Array.from({ length: 200 }, () => newId(6));
    for (const suffix of suffixes) expect(suffix).toMatch(/^[0-9a-z]{6}$/);
    // A time prefix would make ids of the same millisecond share their first characters.
    expect(new Set(suffixes.map((suffix) => suffix.slice(0, 3))).size).toBeGreaterThan(150);
  });
});
