import type { Role } from "@niaga/contracts";
import { createAddress } from "@niaga/core/addresses/addresses.service";
import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import { placeCheckout } from "@niaga/core/checkout/checkout.service";
import type { Db } from "@niaga/core/shared/db";
import { cartFor, customerWithAddress, storeWithVariant } from "./checkout-fixtures.ts";

/** A placed checkout of `quantity` units of one variant (stock 10), for the given or a new customer. */
export async function placedCheckout(
  db: Db,
  deps: CheckoutDeps,
  params: { customerId?: string; quantity?: number; price?: number } = {},
) {
  const item = await storeWithVariant(db, { price: params.price ?? 2_000_000, stock: 10 });
  let customerId = params.customerId;
  let addressId: string;
  if (customerId) {
    const actor = { userId: customerId, role: "customer" as Role };
    const address = await createAddress(db, actor, {
      recipient: "Budi Santoso",
      phone: "+6281234567891",
      line: "Jl. Braga 10",
      city: "Bandung",
      postalCode: "40111",
      region: "Jawa Barat",
      note: null,
      isDefault: true,
    });
    addressId = address.id;
  } else {
    const created = await customerWithAddress(db);
    customerId = created.customer.userId;
    addressId = created.address.id;
  }
  const input = await cartFor(
    db,
    customerId,
    [{ variantId: item.variantId, storeId: item.store.id, quantity: params.quantity ?? 1 }],
    addressId,
  );
  const checkout = await placeCheckout(db, deps, { customerId, input });
  return { checkout, customerId, variantId: item.variantId, storeId: item.store.id };
}
