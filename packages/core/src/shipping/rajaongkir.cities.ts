import type { RajaOngkirSettings } from "./rajaongkir.client.ts";
import { callRajaOngkir, PROVIDER_NAME } from "./rajaongkir.client.ts";
import type { ShippingPlace } from "./shipping.provider.ts";
import { ShippingUnavailableError } from "./shipping.provider.ts";

/** A row of GET /city. */
export interface RajaOngkirCity {
  city_id: string;
  province: string;
  type: string;
  city_name: string;
  postal_code: string;
}

/** "Kota Bandung", "Kab. Bandung", "kabupaten  bandung" → "bandung"; type words are matched separately. */
function normalize(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, " ")
    .replace(/^\s*(kota|kabupaten|kab)\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

function typeHint(name: string): "kota" | "kabupaten" | null {
  const first = name
    .trim()
    .toLowerCase()
    .split(/[\s.]+/)[0];
  if (first === "kota") return "kota";
  if (first === "kabupaten" || first === "kab") return "kabupaten";
  return null;
}

function isCity(value: unknown): value is RajaOngkirCity {
  if (typeof value !== "object" || value === null) return false;
  const row = value as Record<string, unknown>;
  return typeof row.city_id === "string" && typeof row.city_name === "string";
}

/**
 * Picks RajaOngkir's city id for a place: same name (ignoring "Kota"/"Kabupaten"), narrowed by
 * province when that leaves any, then by an explicit "Kota"/"Kabupaten" in the name, then by
 * postal code; a name shared by a kota and a kabupaten (Bandung, Bogor …) defaults to the kota.
 */
export function resolveCity(cities: RajaOngkirCity[], place: ShippingPlace): RajaOngkirCity | undefined {
  let candidates = cities.filter((city) => normalize(city.city_name) === normalize(place.city));
  const narrow = (keep: (city: RajaOngkirCity) => boolean) => {
    const kept = candidates.filter(keep);
    if (kept.length > 0) candidates = kept;
  };
  const province = normalize(place.region);
  if (province) narrow((city) => normalize(city.province ?? "") === province);
  const hint = typeHint(place.city);
  if (hint) narrow((city) => city.type?.toLowerCase() === hint);
  narrow((city) => city.postal_code === place.postalCode);
  narrow((city) => city.type?.toLowerCase() === "kota");
  return candidates[0];
}

/**
 * The city list is fetched once per provider and kept in memory (it changes a few times a
 * year); a failed fetch is not cached, so the next quote tries again.
 */
export function createCityDirectory(settings: RajaOngkirSettings) {
  let cities: Promise<RajaOngkirCity[]> | null = null;
  const load = () => {
    cities ??= callRajaOngkir(settings, { path: "/city" }).then(
      (results) => (Array.isArray(results) ? results.filter(isCity) : []),
      (error: unknown) => {
        cities = null;
        throw error;
      },
    );
    return cities;
  };
  return {
    /** The city id of a place, or ShippingUnavailableError naming the city RajaOngkir does not know. */
    async cityIdOf(place: ShippingPlace): Promise<string> {
      const city = resolveCity(await load(), place);
      if (!city) {
        throw new ShippingUnavailableError(
          PROVIDER_NAME,
          `Shipping quotes are unavailable: the courier rate service does not know the city "${place.city}" (${place.region})`,
        );
      }
      return city.city_id;
    },
  };
}
