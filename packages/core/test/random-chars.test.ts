import { newOrderNumber } from "@niaga/core/checkout/order-numbers";
import { newId } from "@niaga/core/shared/ids";
import { randomChars } from "@niaga/core/shared/random-chars";
import { describe, expect, it } from "vitest";

/** How often each character of `alphabet` appears in `samples`. */
function frequencies(samples: readonly string[], alphabet: string): number[] {
  const counts = new Map<string, number>([...alphabet].map((char) => [char, 0]));
  for (const sample of samples) for (const char of sample) counts.set(char, (counts.get(char) ?? 0) + 1);
  return [...counts.values()];
}

// With ~28,000 draws per character the spread between the most and least frequent stays within
// ~4% by chance; a byte taken modulo 36 makes four characters 8/7 as likely (+14%).
const spread = (counts: readonly number[]) => Math.max(...counts) / Math.min(...counts);

describe("random characters", () => {
  it("uses every character of the alphabet equally often, for any alphabet size", () => {
    for (const alphabet of ["0123456789abcdefghijklmnopqrstuvwxyz", "ABCDEFGHJKMNPQRSTUVWXYZ23456789", "01"]) {
      const samples = Array.from({ length: 1_000_000 / 20 }, () => randomChars(alphabet, 20));
      expect(samples.every((sample) => sample.length === 20 && [...sample].every((c) => alphabet.includes(c)))).toBe(
        true,
      );
      expect(spread(frequencies(samples, alphabet))).toBeLessThan(1.06);
    }
  });

  it("has no bias in row ids' random part or order numbers' suffix", () => {
    const ids = Array.from({ length: 1_000_000 / 15 }, () => newId().slice(9));
    expect(spread(frequencies(ids, "0123456789abcdefghijklmnopqrstuvwxyz"))).toBeLessThan(1.06);
    const numbers = Array.from({ length: 1_000_000 / 8 }, () => newOrderNumber().slice(-8));
    // 32 symbols divide 256, so only a broken draw could skew these.
    expect(spread(frequencies(numbers, "0123456789ABCDEFGHJKMNPQRSTVWXYZ"))).toBeLessThan(1.06);
  });

  it("never repeats across refills of the byte batch", () => {
    // 40 characters each: a few hundred draws cross the 4 KB batch many times over.
    const draws = Array.from({ length: 2_000 }, () => randomChars("0123456789abcdef", 40));
    expect(new Set(draws).size).toBe(draws.length);
  });

  it("refuses an alphabet it cannot draw from evenly", () => {
    expect(() => randomChars("a", 4)).toThrow(RangeError);
  });
});
