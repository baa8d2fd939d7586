// Money is an integer count of the marketplace currency's minor units (config CURRENCY), never a
// float. The one rounding rule: when an amount is split, parts are floored and the leftover
// units go one each to the largest remainders (ties to the smaller key), so parts always add up.

/**
 * Splits `total` in proportion to `weights` by the largest-remainder rule. BigInt keeps
 * `total * weight` exact beyond 2^53. Entries with zero or negative weight get nothing.
 */
export function allocateLargestRemainder(
  total: number,
  weights: readonly { key: string; weight: number }[],
): Map<string, number> {
  const result = new Map<string, number>();
  const positive = weights.filter((entry) => entry.weight > 0);
  const sum = positive.reduce((acc, entry) => acc + BigInt(entry.weight), 0n);
  if (total <= 0 || sum === 0n) return result;
  const big = BigInt(total);
  const parts = positive.map((entry) => {
    const exact = big * BigInt(entry.weight);
    return { key: entry.key, amount: exact / sum, remainder: exact % sum };
  });
  let missing = big - parts.reduce((acc, part) => acc + part.amount, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.remainder > b.remainder ? -1 : 1,
  );
  for (const part of byRemainder) {
    if (missing === 0n) break;
    part.amount += 1n;
    missing -= 1n;
  }
  for (const part of parts) result.set(part.key, Number(part.amount));
  return result;
}

/**
 * Minor units from a decimal amount as a gateway writes it ("150000.00", "150000", 150000),
 * in a currency whose minor unit is 10^-exponent of the major one. Parsed from the digits, not
 * through a float, so no amount is ever off by a rounding; more decimals than the currency has
 * are refused.
 */
export function minorUnitsFromDecimal(amount: string | number, exponent: number): number {
  const text = typeof amount === "number" ? String(amount) : amount.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a decimal amount`);
  const [, sign, whole, fraction = ""] = match;
  const kept = fraction.replace(/0+$/, "");
  if (kept.length > exponent) throw new RangeError(`"${text}" has more than ${exponent} decimals`);
  const minor = Number(`${whole}${fraction.padEnd(exponent, "0").slice(0, exponent)}`);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`"${text}" is too large`);
  return sign ? -minor : minor;
}
