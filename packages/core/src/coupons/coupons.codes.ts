import { randomChars } from "../shared/random-chars.ts";

/**
 * Uppercase letters and digits without the look-alikes (0/O, 1/I/L): 31 symbols customers can
 * read off a receipt and type back (randomChars keeps every symbol equally likely).
 */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** 31^8 ≈ 8.5·10^11 codes per prefix: collisions are rare, and the unique index retries them anyway. */
export const RANDOM_CODE_LENGTH = 8;

/** Customers type codes in any case; stored codes are uppercase, so lookups uppercase too. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** One random code, `PREFIX-XXXXXXXX` when a prefix is given. */
export function randomCode(prefix?: string): string {
  const body = randomChars(CODE_ALPHABET, RANDOM_CODE_LENGTH);
  return prefix ? `${normalizeCode(prefix)}-${body}` : body;
}

/** `count` distinct random codes (distinct among themselves; the database checks the rest). */
export function randomCodes(count: number, prefix?: string): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomCode(prefix));
  return [...codes];
}
