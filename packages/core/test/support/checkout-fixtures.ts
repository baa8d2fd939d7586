import { loadConfig } from "@niaga/config";
import { createAddress } from "@niaga/core/addresses/addresses.service";
import { addToCart } from "@niaga/core/cart/cart.service";
import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import type { Db } from "@niaga/core/shared/db";
import { createRateTableProvider } from "@niaga/core/shipping/rate-table.provider";
import { seedDefaultRateTable } from "@niaga/core/shipping/rate-table.seed";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import { insertUser, productFor, sellerWithStore, someCategory } from "./catalog-fixtures.ts";

/** Checkout's dependencies as `npm start` wires them: the seeded rate table and default policy. */
export async function checkoutDeps(db: Kysely<Database>, env: Record<string, string> = {}): Promise<CheckoutDeps> {
  await seedDefaultRateTable(db);
  return { shipping: createRateTableProvider(db), config: loadConfig(env) };
}

/** A store selling one product with one variant of `price` and `stock` units at its default location. */
export async function storeWithVariant(db: Db, params: { price?: number; stock?: number; weightGrams?: number } = {}) {
  const { seller, store, defaultLocationId } = await sellerWithStore(db);
  const category = await someCategory(db);
  const product = await productFor(db, seller, category.id, {
    weightGrams: params.weightGrams ?? 500,
    variants: [
      {
        sku: `SKU-${store.id.slice(0, 6)}`,
        options: {},
        price: params.price ?? 5_000_000,
        stock: [{ onHand: params.stock ?? 10 }],
      },
    ],
  });
  const variantId = product.variants[0]?.id as string;
  return { seller, store, category, product, variantId, locationId: defaultLocationId };
}

/** A customer with a default address in Bandung (Jawa Barat). */
export async function customerWithAddress(db: Db) {
  const customer = await insertUser(db, "customer");
  const address = await createAddress(db, customer, {
    recipient: "Siti Aminah",
    phone: "+6281234567890",
    line: "Jl. Asia Afrika 8",
    city: "Bandung",
    postalCode: "40111",
    region: "Jawa Barat",
    note: null,
    isDefault: true,
  });
  return { customer, address };
}

/** Puts these variants in the customer's cart and returns a checkout input shipping JNE REG from every store. */
export async function cartFor(
  db: Db,
  customerId: string,
  items: readonly { variantId: string; storeId: string; quantity: number }[],
  addressId: string,
  key = `key-${Math.random().toString(36).slice(2, 12)}`,
) {
  for (const item of items) await addToCart(db, { customerId }, { variantId: item.variantId, quantity: item.quantity });
  const storeIds = [...new Set(items.map((item) => item.storeId))];
  return {
    idempotencyKey: key,
    addressId,
    shipping: storeIds.map((storeId) => ({ storeId, courier: "jne", service: "REG" })),
    couponCodes: [] as string[],
    walletAmount: 0,
    coins: 0,
  };
}

/** A bare checkout row (zero totals, no orders) of this customer under this idempotency key. */
export async function insertBareCheckout(db: Db, params: { id: string; customerId: string; idempotencyKey: string }) {
  await db
    .insertInto("checkouts")
    .values({
      id: params.id,
      customer_id: params.customerId,
      idempotency_key: params.idempotencyKey,
      currency: "IDR",
      subtotal: 0,
      shipping_total: 0,
      grand_total: 0,
      shipping_address: "{}",
      expires_at: new Date(Date.now() + 60_000),
    })
    .execute();
}
