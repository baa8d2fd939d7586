import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import { createRateCache } from "./rate-table.cache.ts";
import { mostSpecificPerService, priceForWeight } from "./rate-table.pricing.ts";
import { findRatesForRoute } from "./rate-table.queries.ts";
import type {
  QuoteOptions,
  ShippingProvider,
  ShippingQuoteRequest,
  ShippingServiceQuote,
} from "./shipping.provider.ts";
import { noServiceError, sortQuotes } from "./shipping.provider.ts";

/**
 * The embedded provider: the platform's rate table, zoned by region (province). For each
 * courier service the most specific matching row wins (exact origin and destination, then a
 * "*" destination, then a "*" origin); rows with a maximum weight below the parcel's are left
 * out. Price = first kilogram + each further kilogram, weight rounded up to whole kilograms.
 * A route's rows are cached briefly in memory (rate-table.cache.ts); admin edits invalidate them.
 * It reads only this database, so checkout may quote inside its transaction (then a cache miss
 * reads through that transaction, never a second pooled connection).
 */
export function createRateTableProvider(db: Kysely<Database>): ShippingProvider {
  const cache = createRateCache();
  return {
    name: "rate-table",
    quotesFromDatabase: true,
    async quote(request: ShippingQuoteRequest, options?: QuoteOptions): Promise<ShippingServiceQuote[]> {
      const route = {
        originRegion: request.origin.region.trim().toLowerCase(),
        destinationRegion: request.destination.region.trim().toLowerCase(),
        courier: request.courier?.trim().toLowerCase(),
      };
      const key = `${route.originRegion}\u0000${route.destinationRegion}\u0000${route.courier ?? ""}`;
      const rows = await cache.get(key, () => findRatesForRoute(options?.db ?? db, route));
      const quotes = mostSpecificPerService(rows)
        // The most specific row decides, also when it is too heavy: a wildcard does not override it.
        .filter((row) => row.max_weight_grams === null || request.weightGrams <= row.max_weight_grams)
        .map((row) => ({
          courier: row.courier,
          service: row.service,
          description: row.description,
          price: priceForWeight(row, request.weightGrams),
          etaDays: { min: row.eta_min_days, max: row.eta_max_days },
        }));
      if (quotes.length === 0) throw noServiceError(request);
      return sortQuotes(quotes);
    },
  };
}
