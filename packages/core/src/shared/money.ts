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
