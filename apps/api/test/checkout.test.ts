import { seedDefaultRateTable } from "@niaga/core/shipping/rate-table.seed";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADDRESS, newCategory, sellerWithStore, uniqueSlug } from "./support/catalog.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await seedDefaultRateTable(api.database.db);
});
afterAll(() => api.stop());

/** A seller's active product with one variant in stock; returns its variant id and store id. */
async function listedVariant(stock = 10, price = 2_500_000) {
  const { client, store } = await sellerWithStore(api);
  const category = await newCategory(api);
  const product = await client.seller.products.create.mutate({
    title: "Kemeja Batik",
    categoryId: category.id,
    status: "active",
    weightGrams: 400,
    variants: [{ sku: uniqueSlug("KB").toUpperCase(), options: { size: "L" }, price, stock: [{ onHand: stock }] }],
  });
  return { variantId: product.variants[0]?.id as string, storeId: store.id };
}

async function shopper() {
  const user = await api.userWithRole("customer");
  const client = api.client(user.token);
  const address = await client.customer.addresses.create.mutate({
    recipient: "Budi Santoso",
    phone: "+6281298765432",
    ...ADDRESS,
  });
  return { user, client, address };
}

describe("cart and checkout over HTTP", () => {
  it("keeps a guest cart by token and merges it into the customer's cart at sign-in", async () => {
    const { variantId } = await listedVariant();
    const anonymous = api.client();
    const { guestToken } = await anonymous.public.guestCart.create.mutate();
    const guestCart = await anonymous.public.guestCart.add.mutate({ guestToken, variantId, quantity: 2 });
    expect(guestCart.itemCount).toBe(2);

    const { client } = await shopper();
    await client.customer.cart.add.mutate({ variantId, quantity: 1 });
    const merged = await client.customer.cart.mergeGuest.mutate({ guestToken });
    expect(merged.lines).toEqual([expect.objectContaining({ variantId, quantity: 3, priceChanged: false })]);
    // The guest cart is gone: its token now shows an empty cart.
    expect((await anonymous.public.guestCart.get.query({ guestToken })).lines).toEqual([]);
  });

  it("places a checkout, shows it to its owner only, and reports the held stock on the cart flags", async () => {
    const { variantId, storeId } = await listedVariant(2);
    const { client, address } = await shopper();
    await client.customer.cart.add.mutate({ variantId, quantity: 2 });
    const checkout = await client.customer.checkout.place.mutate({
      idempotencyKey: "http-checkout-1",
      addressId: address.id,
      shipping: [{ storeId, courier: "jne", service: "REG" }],
    });
    expect(checkout).toMatchObject({ status: "pending_payment", subtotal: 5_000_000, currency: "IDR" });
    expect(checkout.expiresAt).toBeInstanceOf(Date);
    expect((await client.customer.checkout.get.query({ id: checkout.id })).id).toBe(checkout.id);

    const stranger = await shopper();
    expect(await codeOf(stranger.client.customer.checkout.get.query({ id: checkout.id }))).toBe("NOT_FOUND");

    // The two units are held: another shopper's cart shows the line short, and checkout refuses it.
    await stranger.client.customer.cart.add.mutate({ variantId, quantity: 1 });
    const cart = await stranger.client.customer.cart.get.query();
    expect(cart.lines[0]).toMatchObject({ available: 0, stockShort: true });
    expect(cart.hasIssues).toBe(true);
    const refused = await stranger.client.customer.checkout.place
      .mutate({
        idempotencyKey: "http-checkout-2",
        addressId: stranger.address.id,
        shipping: [{ storeId, courier: "jne", service: "REG" }],
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCClientError);
    const data = (refused as TRPCClientError<never>).data as unknown as {
      code: string;
      fieldErrors: Record<string, string[]>;
    };
    expect(data.code).toBe("CONFLICT");
    expect(data.fieldErrors).toEqual({ [`lines.${variantId}`]: ["Out of stock"] });
  });

  it("answers BAD_REQUEST with field messages for an unknown shipping service and a bad quantity", async () => {
    const { variantId, storeId } = await listedVariant();
    const { client, address } = await shopper();
    expect(await codeOf(client.customer.cart.add.mutate({ variantId, quantity: 0 }))).toBe("BAD_REQUEST");
    await client.customer.cart.add.mutate({ variantId, quantity: 1 });
    const error = (await client.customer.checkout.place
      .mutate({
        idempotencyKey: "http-checkout-3",
        addressId: address.id,
        shipping: [{ storeId, courier: "jne", service: "TELEPORT" }],
      })
      .catch((e: unknown) => e)) as TRPCClientError<never>;
    const data = error.data as unknown as { code: string; fieldErrors: Record<string, string[]> };
    expect(data.code).toBe("BAD_REQUEST");
    expect(data.fieldErrors.shipping?.[0]).toMatch(/jne TELEPORT is not offered/);
    // Nothing was held for the failed attempt.
    const cart = await client.customer.cart.get.query();
    expect(cart.lines[0]).toMatchObject({ available: 10, stockShort: false });
  });

  it("keeps the cart for customers only: anonymous callers are refused, guests use their token", async () => {
    expect(await codeOf(api.client().customer.cart.get.query())).toBe("UNAUTHORIZED");
    const manager = await api.userWithRole("manager");
    expect(await codeOf(api.client(manager.token).customer.cart.get.query())).toBe("FORBIDDEN");
    expect(
      await codeOf(api.client().public.guestCart.get.query({ guestToken: "gc_not-a-real-token-of-32-chars-xyz" })),
    ).toBe("OK");
  });
});
