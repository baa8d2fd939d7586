import type { ShippingQuoteInput, ShippingQuoteOutput } from "@niaga/contracts";
import { getAddressForCustomer } from "../addresses/addresses.service.ts";
import type { Db } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import type { Actor } from "../users/users.service.ts";
import type { ShippingPlace, ShippingProvider } from "./shipping.provider.ts";

/**
 * Where a store's parcels leave from: its default stock location, or the store's own address
 * if it has none. NOT_FOUND for an unknown store.
 */
export async function storeOrigin(db: Db, params: { storeId: string }): Promise<ShippingPlace> {
  const row = await db
    .selectFrom("stores as s")
    .leftJoin("stock_locations as l", (join) => join.onRef("l.store_id", "=", "s.id").on("l.is_default", "=", true))
    .select([
      "s.city as store_city",
      "s.postal_code as store_postal_code",
      "s.region as store_region",
      "l.city",
      "l.postal_code",
      "l.region",
    ])
    .where("s.id", "=", params.storeId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("Store");
  if (row.city !== null && row.postal_code !== null && row.region !== null) {
    return { city: row.city, postalCode: row.postal_code, region: row.region };
  }
  return { city: row.store_city, postalCode: row.store_postal_code, region: row.store_region };
}

/** Quotes shipping from a store to one of the caller's addresses (NOT_FOUND if not theirs). */
export async function quoteShippingForAddress(
  db: Db,
  provider: ShippingProvider,
  actor: Actor,
  input: ShippingQuoteInput,
): Promise<ShippingQuoteOutput> {
  const [address, origin] = await Promise.all([
    getAddressForCustomer(db, { customerId: actor.userId, addressId: input.addressId }),
    storeOrigin(db, { storeId: input.storeId }),
  ]);
  const services = await provider.quote({
    origin,
    destination: { city: address.city, postalCode: address.postalCode, region: address.region },
    weightGrams: input.weightGrams,
    ...(input.courier && { courier: input.courier }),
  });
  return { provider: provider.name, services };
}
