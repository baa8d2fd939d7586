import type { CheckoutInput, CustomerAddress } from "@niaga/contracts";
import { DomainError } from "../shared/errors.ts";
import type { QuoteOptions, ShippingProvider, ShippingServiceQuote } from "../shipping/shipping.provider.ts";
import { quoteChosenService } from "../shipping/shipping.provider.ts";
import type { ShippableCheckoutLine } from "./checkout.queries.ts";

export interface QuotedStore {
  storeId: string;
  weightGrams: number;
  quote: ShippingServiceQuote;
}

/**
 * Checks there is exactly one shipping choice per store in the cart and prices each from the
 * store's default stock location (read with the lines) to the customer's address. Runs outside
 * any transaction unless the provider quotes from the database (then `db` is the transaction).
 */
export async function quoteStores(
  provider: ShippingProvider,
  params: {
    lines: readonly ShippableCheckoutLine[];
    address: CustomerAddress;
    choices: CheckoutInput["shipping"];
    db?: QuoteOptions["db"];
  },
): Promise<QuotedStore[]> {
  if (params.lines.length === 0) {
    throw new DomainError("INVALID", "Your cart is empty", { cart: ["Add something to your cart first"] });
  }
  const weights = new Map<string, { name: string; grams: number }>();
  const originOf = new Map<string, { city: string; postalCode: string; region: string }>();
  for (const line of params.lines) {
    if (line.originCity !== null && line.originPostalCode !== null && line.originRegion !== null) {
      originOf.set(line.storeId, {
        city: line.originCity,
        postalCode: line.originPostalCode,
        region: line.originRegion,
      });
    }
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
          origin,
          destination,
          weightGrams: Math.max(store.grams, 1),
        },
        choice,
        { ...(params.db && { db: params.db }) },
      );
      return { storeId, weightGrams: store.grams, quote };
    }),
  );
}
