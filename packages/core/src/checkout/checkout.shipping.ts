import type { CheckoutInput, CustomerAddress } from "@niaga/contracts";
import type { CartLineRow } from "../cart/cart.queries.ts";
import type { Db } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import type { ShippingProvider, ShippingServiceQuote } from "../shipping/shipping.provider.ts";
import { quoteChosenService } from "../shipping/shipping.provider.ts";

export interface QuotedStore {
  storeId: string;
  weightGrams: number;
  quote: ShippingServiceQuote;
}

/**
 * Checks there is exactly one shipping choice per store in the cart and prices each from the
 * store's default stock location to the customer's address. Runs outside any transaction: the
 * provider may be a remote API.
 */
export async function quoteStores(
  db: Db,
  provider: ShippingProvider,
  params: { lines: readonly CartLineRow[]; address: CustomerAddress; choices: CheckoutInput["shipping"] },
): Promise<QuotedStore[]> {
  if (params.lines.length === 0) {
    throw new DomainError("INVALID", "Your cart is empty", { cart: ["Add something to your cart first"] });
  }
  const weights = new Map<string, { name: string; grams: number }>();
  for (const line of params.lines) {
    const entry = weights.get(line.storeId) ?? { name: line.storeName, grams: 0 };
    entry.grams += line.weightGrams * line.quantity;
    weights.set(line.storeId, entry);
  }
  const choices = new Map(params.choices.map((choice) => [choice.storeId, choice]));
  const errors: Record<string, string[]> = {};
  for (const [storeId, store] of weights) {
    if (!choices.has(storeId)) errors[`shipping.${storeId}`] = [`Choose a shipping service for ${store.name}`];
  }
  for (const storeId of choices.keys()) {
    if (!weights.has(storeId)) errors[`shipping.${storeId}`] = ["This store has nothing in your cart"];
  }
  if (Object.keys(errors).length > 0) {
    throw new DomainError("INVALID", Object.values(errors)[0]?.[0] ?? "Invalid shipping choices", errors);
  }
  const origins = await db
    .selectFrom("stock_locations")
    .select(["store_id", "city", "postal_code", "region"])
    .where("store_id", "in", [...weights.keys()])
    .where("is_default", "=", true)
    .execute();
  const originOf = new Map(origins.map((origin) => [origin.store_id, origin]));
  const destination = {
    city: params.address.city,
    postalCode: params.address.postalCode,
    region: params.address.region,
  };
  return Promise.all(
    [...weights].map(async ([storeId, store]) => {
      const origin = originOf.get(storeId);
      if (!origin) {
        throw new DomainError("INVALID", `${store.name} cannot ship right now`, {
          [`shipping.${storeId}`]: ["The store has no shipping origin"],
        });
      }
      const choice = choices.get(storeId) as CheckoutInput["shipping"][number];
      const quote = await quoteChosenService(
        provider,
        {
          origin: { city: origin.city, postalCode: origin.postal_code, region: origin.region },
          destination,
          weightGrams: Math.max(store.grams, 1),
        },
        choice,
      );
      return { storeId, weightGrams: store.grams, quote };
    }),
  );
}
