import { createCityDirectory } from "./rajaongkir.cities.ts";
import type { RajaOngkirSettings } from "./rajaongkir.client.ts";
import { callRajaOngkir, PROVIDER_NAME } from "./rajaongkir.client.ts";
import type { ShippingProvider, ShippingQuoteRequest, ShippingServiceQuote } from "./shipping.provider.ts";
import { noServiceError, ShippingUnavailableError, sortQuotes } from "./shipping.provider.ts";

/**
 * RajaOngkir quotes whole rupiah; Niaga's IDR minor unit is the sen (ISO 4217 exponent 2, as
 * the catalog's prices), so Rp 9.000 is 900_000 minor units.
 */
export function rupiahToMinorUnits(rupiah: number): number {
  return Math.round(rupiah) * 100;
}

/** "1-2" → 1..2, "2-3 HARI" → 2..3, "1" → 1..1; no digits (RajaOngkir sends "" at times) → 0..0, unknown. */
export function parseEtd(etd: unknown): { min: number; max: number } {
  const numbers = (typeof etd === "string" ? (etd.match(/\d+/g) ?? []) : []).map(Number);
  if (numbers.length === 0) return { min: 0, max: 0 };
  return { min: Math.min(...numbers), max: Math.max(...numbers) };
}

interface CostResult {
  code?: unknown;
  costs?: { service?: unknown; description?: unknown; cost?: { value?: unknown; etd?: unknown }[] }[];
}

/** Maps `/cost` results to quotes; a service without a numeric price is left out. */
export function mapCostResults(results: unknown): ShippingServiceQuote[] {
  if (!Array.isArray(results))
    throw new ShippingUnavailableError(
      PROVIDER_NAME,
      "Shipping quotes are unavailable right now: the courier rate service answered unreadably",
    );
  const quotes: ShippingServiceQuote[] = [];
  for (const result of results as CostResult[]) {
    const courier = String(result.code ?? "").toLowerCase();
    for (const cost of result.costs ?? []) {
      const first = cost.cost?.[0];
      if (!courier || typeof cost.service !== "string" || typeof first?.value !== "number") continue;
      quotes.push({
        courier,
        service: cost.service,
        description: typeof cost.description === "string" ? cost.description : "",
        price: rupiahToMinorUnits(first.value),
        etaDays: parseEtd(first.etd),
      });
    }
  }
  return quotes;
}

/**
 * The RajaOngkir provider: resolves origin and destination to RajaOngkir city ids (the city
 * list is cached), then asks `/cost` once per courier (the starter plan takes one courier per
 * call) in parallel. Any failure — bad key, unknown city, timeout, 5xx — is a
 * ShippingUnavailableError with a clear message; nothing waits longer than `timeoutMs` per call.
 */
export function createRajaOngkirProvider(settings: RajaOngkirSettings & { couriers: string[] }): ShippingProvider {
  const directory = createCityDirectory(settings);
  return {
    name: PROVIDER_NAME,
    async quote(request: ShippingQuoteRequest): Promise<ShippingServiceQuote[]> {
      const [origin, destination] = await Promise.all([
        directory.cityIdOf(request.origin),
        directory.cityIdOf(request.destination),
      ]);
      const couriers = request.courier ? [request.courier.toLowerCase()] : settings.couriers;
      const answers = await Promise.all(
        couriers.map((courier) =>
          callRajaOngkir(settings, {
            path: "/cost",
            form: { origin, destination, weight: String(request.weightGrams), courier },
          }),
        ),
      );
      const quotes = answers.flatMap(mapCostResults);
      if (quotes.length === 0) throw noServiceError(request);
      return sortQuotes(quotes);
    },
  };
}
