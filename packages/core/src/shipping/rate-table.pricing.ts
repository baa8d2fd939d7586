import type { ShippingRateTable } from "@niaga/db";
import type { Selectable } from "kysely";

export type ShippingRateRow = Selectable<ShippingRateTable>;

/** The wildcard region of a rate row: matches any origin or destination. */
export const ANY_REGION = "*";

/**
 * Billable weight: grams rounded UP to whole kilograms, at least 1 kg (1 g and 1000 g bill as
 * 1 kg, 1001 g as 2 kg) — how Indonesian parcel couriers bill.
 */
export function billableKilograms(weightGrams: number): number {
  return Math.max(1, Math.ceil(weightGrams / 1000));
}

/** The band price: the first kilogram, then each further kilogram. Integer minor units. */
export function priceForWeight(rate: Pick<ShippingRateRow, "first_kg_price" | "next_kg_price">, weightGrams: number) {
  return rate.first_kg_price + (billableKilograms(weightGrams) - 1) * rate.next_kg_price;
}

/** How closely a row matches a route: exact origin beats exact destination beats wildcards. */
export function specificity(rate: Pick<ShippingRateRow, "origin_region" | "destination_region">): number {
  return (rate.origin_region === ANY_REGION ? 0 : 2) + (rate.destination_region === ANY_REGION ? 0 : 1);
}

/** Per (courier, service), the most specific of the rows that match a route. */
export function mostSpecificPerService(rows: ShippingRateRow[]): ShippingRateRow[] {
  const best = new Map<string, ShippingRateRow>();
  for (const row of rows) {
    const key = `${row.courier}\u0000${row.service}`;
    const current = best.get(key);
    if (!current || specificity(row) > specificity(current)) best.set(key, row);
  }
  return [...best.values()];
}
