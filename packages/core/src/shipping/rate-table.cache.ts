import type { ShippingRateRow } from "./rate-table.pricing.ts";

/**
 * How long a route's rate rows are reused. The table changes only on admin edits, which
 * invalidate this process at once; the TTL bounds how stale another process (a second API
 * instance) can be after an edit made elsewhere.
 */
export const RATE_CACHE_TTL_MS = 30_000;

// Bumped on every write to shipping_rates in this process: entries of an older generation are dropped.
let generation = 0;

/** Forgets every cached route in this process; called after each write to the rate table. */
export function invalidateRateCache(): void {
  generation += 1;
}

/**
 * A per-provider cache of `findRatesForRoute` results keyed by route, so a checkout does not pay
 * one SQL statement per store for a table that changes a few times a year.
 */
export function createRateCache(ttlMs = RATE_CACHE_TTL_MS) {
  const entries = new Map<string, { rows: ShippingRateRow[]; at: number; generation: number }>();
  return {
    async get(key: string, load: () => Promise<ShippingRateRow[]>): Promise<ShippingRateRow[]> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.generation === generation && now - hit.at < ttlMs) return hit.rows;
      const seen = generation;
      const rows = await load();
      // An edit that landed while loading may not be in `rows`: keep them only if none did.
      if (seen === generation && rows.length > 0) {
        if (entries.size > 10_000) entries.clear();
        entries.set(key, { rows, at: now, generation: seen });
      }
      return rows;
    },
  };
}
