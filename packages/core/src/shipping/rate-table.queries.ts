import type { UpsertShippingRateInput } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { newId } from "../shared/ids.ts";
import type { ShippingRateRow } from "./rate-table.pricing.ts";
import { ANY_REGION } from "./rate-table.pricing.ts";

/** Rows that could serve a route (exact or wildcard regions, case-insensitive), optionally one courier. */
export function findRatesForRoute(
  db: Db,
  params: { originRegion: string; destinationRegion: string; courier?: string | undefined },
): Promise<ShippingRateRow[]> {
  let query = db
    .selectFrom("shipping_rates")
    .selectAll()
    .where((eb) =>
      eb.and([
        eb.or([
          eb(sql`lower(origin_region)`, "=", params.originRegion.trim().toLowerCase()),
          eb("origin_region", "=", ANY_REGION),
        ]),
        eb.or([
          eb(sql`lower(destination_region)`, "=", params.destinationRegion.trim().toLowerCase()),
          eb("destination_region", "=", ANY_REGION),
        ]),
      ]),
    );
  if (params.courier) query = query.where("courier", "=", params.courier.trim().toLowerCase());
  return query.execute();
}

export function findRates(db: Db, params: { originRegion?: string | undefined; courier?: string | undefined }) {
  let query = db
    .selectFrom("shipping_rates")
    .selectAll()
    .orderBy("origin_region")
    .orderBy("destination_region")
    .orderBy("courier")
    .orderBy("service");
  if (params.originRegion) query = query.where(sql`lower(origin_region)`, "=", params.originRegion.toLowerCase());
  if (params.courier) query = query.where("courier", "=", params.courier);
  return query.execute();
}

/** Inserts the row of this key or replaces its values (the key's regions compare case-insensitively). */
export function upsertRateRow(db: Db, input: UpsertShippingRateInput): Promise<ShippingRateRow> {
  const values = {
    description: input.description,
    first_kg_price: input.firstKgPrice,
    next_kg_price: input.nextKgPrice,
    max_weight_grams: input.maxWeightGrams,
    eta_min_days: input.etaDays.min,
    eta_max_days: input.etaDays.max,
  };
  return db
    .insertInto("shipping_rates")
    .values({
      id: newId(),
      origin_region: input.originRegion,
      destination_region: input.destinationRegion,
      courier: input.courier,
      service: input.service,
      ...values,
    })
    .onConflict((oc) =>
      oc.expression(sql`lower(origin_region), lower(destination_region), courier, service`).doUpdateSet({
        ...values,
        // The admin's latest spelling of the region names wins.
        origin_region: input.originRegion,
        destination_region: input.destinationRegion,
        updated_at: new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
