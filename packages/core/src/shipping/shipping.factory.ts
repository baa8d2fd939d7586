import type { Config } from "@niaga/config";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import { createRajaOngkirProvider } from "./rajaongkir.provider.ts";
import { createRateTableProvider } from "./rate-table.provider.ts";
import type { ShippingProvider } from "./shipping.provider.ts";

/**
 * The process's shipping provider: RajaOngkir when RAJAONGKIR_API_KEY is set, otherwise the
 * platform's rate table. RajaOngkir prices in rupiah, so it needs CURRENCY=IDR.
 */
export function createShippingProvider(params: { config: Config; db: Kysely<Database> }): ShippingProvider {
  const { config, db } = params;
  if (!config.RAJAONGKIR_API_KEY) return createRateTableProvider(db);
  if (config.CURRENCY !== "IDR") {
    throw new Error(`RAJAONGKIR_API_KEY needs CURRENCY=IDR (RajaOngkir prices in rupiah), not ${config.CURRENCY}`);
  }
  return createRajaOngkirProvider({
    apiKey: config.RAJAONGKIR_API_KEY,
    baseUrl: config.RAJAONGKIR_BASE_URL,
    timeoutMs: config.RAJAONGKIR_TIMEOUT_MS,
    couriers: config.RAJAONGKIR_COURIERS.split(",")
      .map((courier) => courier.trim().toLowerCase())
      .filter(Boolean),
  });
}
