import type { UpsertShippingRateInput } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { newId } from "../shared/ids.ts";
import { invalidateRateCache } from "./rate-table.cache.ts";
import { ANY_REGION } from "./rate-table.pricing.ts";

// Demo/default data only: plausible Indonesian courier prices in IDR minor units (sen, Rp 1 =
// 100), so `rupiah(9_000)` is Rp 9.000. The platform's admins replace them with their own.
const rupiah = (amount: number) => amount * 100;

type SeedRate = Omit<UpsertShippingRateInput, "description" | "maxWeightGrams"> & {
  description: string;
  maxWeightGrams: number | null;
};

const JAVA = ["DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur", "Banten"];

const ZONES = {
  same: { first: 9_000, next: 6_000, eta: { min: 1, max: 2 } },
  island: { first: 14_000, next: 10_000, eta: { min: 2, max: 3 } },
  national: { first: 28_000, next: 22_000, eta: { min: 3, max: 6 } },
} as const;

/** Each courier service as a price factor on the zone's base and extra days on its ETA ("YES" is next day). */
const SERVICES = [
  { courier: "jne", service: "REG", description: "Layanan Reguler", factor: 1, extraDays: 0 },
  { courier: "jne", service: "YES", description: "Yakin Esok Sampai", factor: 1.8, extraDays: null },
  { courier: "pos", service: "Pos Reguler", description: "Pos Reguler", factor: 0.9, extraDays: 1 },
  { courier: "tiki", service: "ECO", description: "Economy Service", factor: 0.8, extraDays: 2 },
] as const;

/** Whole Rp 500 steps, as couriers price. */
const roundedRupiah = (amount: number) => rupiah(Math.round(amount / 500) * 500);

function servicesFor(origin: string, destination: string, zone: keyof typeof ZONES): SeedRate[] {
  const base = ZONES[zone];
  return SERVICES.map((entry) => ({
    originRegion: origin,
    destinationRegion: destination,
    courier: entry.courier,
    service: entry.service,
    description: entry.description,
    firstKgPrice: roundedRupiah(base.first * entry.factor),
    nextKgPrice: roundedRupiah(base.next * entry.factor),
    maxWeightGrams: null,
    etaDays:
      entry.extraDays === null
        ? { min: 1, max: base.eta.min }
        : { min: base.eta.min + entry.extraDays, max: base.eta.max + entry.extraDays },
  }));
}

/** The default table: same province, within Java, and a nationwide fallback from anywhere. */
export function defaultRateTable(): SeedRate[] {
  const rows: SeedRate[] = [];
  for (const origin of JAVA) {
    for (const destination of JAVA) {
      rows.push(...servicesFor(origin, destination, origin === destination ? "same" : "island"));
    }
  }
  rows.push(...servicesFor(ANY_REGION, ANY_REGION, "national"));
  return rows;
}

/**
 * Inserts the default rate table's rows that are missing (an admin's edits are kept): safe to
 * run on every start. Returns how many rows it added.
 */
export async function seedDefaultRateTable(db: Db): Promise<{ inserted: number }> {
  const rows = defaultRateTable().map((rate) => ({
    id: newId(),
    origin_region: rate.originRegion,
    destination_region: rate.destinationRegion,
    courier: rate.courier,
    service: rate.service,
    description: rate.description,
    first_kg_price: rate.firstKgPrice,
    next_kg_price: rate.nextKgPrice,
    max_weight_grams: rate.maxWeightGrams,
    eta_min_days: rate.etaDays.min,
    eta_max_days: rate.etaDays.max,
  }));
  const inserted = await db
    .insertInto("shipping_rates")
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .execute();
  invalidateRateCache();
  return { inserted: inserted.length };
}
