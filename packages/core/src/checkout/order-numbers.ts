import { randomChars } from "../shared/random-chars.ts";

// Crockford-style: no I, L, O or U, so a number read over the phone is not misheard.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A human-friendly order number: NG, the date (UTC, yymmdd) and 8 random characters (40 bits),
 * e.g. NG261201-7QK2M9XA. Unique by constraint: with a million orders in a day about one number
 * in a million is taken already, and checkout then draws again (placeCheckout).
 */
export function newOrderNumber(now: Date = new Date()): string {
  const date = now.toISOString().slice(2, 10).replaceAll("-", "");
  return `NG${date}-${randomChars(ALPHABET, 8)}`;
}
