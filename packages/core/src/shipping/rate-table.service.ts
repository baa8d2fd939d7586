import type { ListShippingRatesInput, ShippingRate, UpsertShippingRateInput } from "@niaga/contracts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import type { Actor } from "../users/users.service.ts";
import { invalidateRateCache } from "./rate-table.cache.ts";
import type { ShippingRateRow } from "./rate-table.pricing.ts";
import { findRates, upsertRateRow } from "./rate-table.queries.ts";

/** The admin DTO of a rate row. */
export function toShippingRate(row: ShippingRateRow): ShippingRate {
  return {
    id: row.id,
    originRegion: row.origin_region,
    destinationRegion: row.destination_region,
    courier: row.courier,
    service: row.service,
    description: row.description,
    firstKgPrice: row.first_kg_price,
    nextKgPrice: row.next_kg_price,
    maxWeightGrams: row.max_weight_grams,
    etaDays: { min: row.eta_min_days, max: row.eta_max_days },
    updatedAt: row.updated_at,
  };
}

/** The rate table, ordered by origin, destination, courier and service. */
export async function listShippingRates(db: Db, input: ListShippingRatesInput): Promise<ShippingRate[]> {
  return (await findRates(db, input)).map(toShippingRate);
}

/** Creates or replaces the row of this route key and service; audited with the new values. */
export async function upsertShippingRate(db: Db, actor: Actor, input: UpsertShippingRateInput): Promise<ShippingRate> {
  // Invalidated in the transaction and again after it: a quote read between the two cannot keep stale rows.
  return afterWrite(
    inTransaction(db, async (trx) => {
      const row = await upsertRateRow(trx, input);
      invalidateRateCache();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: "shipping_rate.upserted",
        targetType: "shipping_rate",
        targetId: row.id,
        data: { ...input },
        requestId: actor.requestId,
      });
      return toShippingRate(row);
    }),
  );
}

/** Deletes a rate row; audited with what it held, so a mistaken delete can be re-entered. */
export async function deleteShippingRate(db: Db, actor: Actor, params: { id: string }): Promise<{ id: string }> {
  return afterWrite(
    inTransaction(db, async (trx) => {
      const row = await trx.deleteFrom("shipping_rates").where("id", "=", params.id).returningAll().executeTakeFirst();
      if (!row) throw new NotFoundError("Shipping rate");
      invalidateRateCache();
      const { updatedAt: _updatedAt, ...removed } = toShippingRate(row);
      await recordAudit(trx, {
        actorId: actor.userId,
        action: "shipping_rate.deleted",
        targetType: "shipping_rate",
        targetId: row.id,
        data: removed,
        requestId: actor.requestId,
      });
      return { id: row.id };
    }),
  );
}

async function afterWrite<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    invalidateRateCache();
  }
}
