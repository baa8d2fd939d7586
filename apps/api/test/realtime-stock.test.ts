import type { LiveStockMessage } from "@niaga/contracts";
import { seedDefaultRateTable } from "@niaga/core/shipping/rate-table.seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADDRESS, newCategory, sellerWithStore, uniqueSlug } from "./support/catalog.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";
import { collect, liveClient } from "./support/live.ts";

let api: TestApi;
let categoryId: string;
beforeAll(async () => {
  api = await startTestApi();
  categoryId = (await newCategory(api)).id;
});
afterAll(() => api.stop());

describe("public.live.stock on stock.changed", () => {
  it("sends the new availability after a seller's inventory adjustment, once per adjustment", async () => {
    const seller = await sellerWithStore(api);
    const product = await seller.client.seller.products.create.mutate({
      title: "Teh Tubruk 100g",
      slug: uniqueSlug("teh"),
      categoryId,
      status: "active",
      lowStockThreshold: 2,
      variants: [{ sku: "TEH-100", price: 2_500_000, stock: [{ onHand: 30 }] }],
    });
    const variantId = product.variants[0]?.id ?? "";
    const [location] = await seller.client.seller.locations.list.query();
    const live = collect<LiveStockMessage>((handlers) =>
      liveClient(api.url).public.live.stock.subscribe({ productId: product.id }, handlers),
    );
    const [snapshot] = await live.waitFor(1);
    expect(snapshot?.data).toMatchObject({ event: null, inStock: true, variants: [{ variantId, available: 30 }] });

    // Far above the low-stock threshold: only stock.changed is emitted.
    await seller.client.seller.inventory.adjust.mutate({
      variantId,
      locationId: location?.id ?? "",
      delta: -4,
      reason: "correction",
    });
    const [, changed] = await live.waitFor(2, 2000);
    expect(changed?.data).toMatchObject({
      event: { type: "stock.changed" },
      productId: product.id,
      variants: [{ variantId, available: 26 }],
    });

    await seller.client.seller.inventory.adjust.mutate({
      variantId,
      locationId: location?.id ?? "",
      delta: 10,
      reason: "restock",
    });
    const [, , restocked] = await live.waitFor(3, 2000);
    expect(restocked?.data.variants).toEqual([{ variantId, available: 36 }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.messages).toHaveLength(3);
    live.stop();
  });
});

describe("public.live.stock on checkout", () => {
  it("shows the units a checkout holds leaving availability, and coming back when its order is cancelled", async () => {
    await seedDefaultRateTable(api.database.db);
    const seller = await sellerWithStore(api);
    const product = await seller.client.seller.products.create.mutate({
      title: "Kopi Gayo 250g",
      slug: uniqueSlug("kopi"),
      categoryId,
      status: "active",
      weightGrams: 250,
      // Below every level here, so each message is a stock.changed (no stock.low in between).
      lowStockThreshold: 1,
      variants: [{ sku: uniqueSlug("KG").toUpperCase(), price: 9_500_000, stock: [{ onHand: 8 }] }],
    });
    const variantId = product.variants[0]?.id ?? "";
    const live = collect<LiveStockMessage>((handlers) =>
      liveClient(api.url).public.live.stock.subscribe({ productId: product.id }, handlers),
    );
    const [snapshot] = await live.waitFor(1);
    expect(snapshot?.data.variants).toEqual([{ variantId, available: 8 }]);

    const customer = await api.userWithRole("customer");
    const shopper = api.client(customer.token);
    const address = await shopper.customer.addresses.create.mutate({
      recipient: "Rina Wati",
      phone: "+6281211112222",
      ...ADDRESS,
    });
    await shopper.customer.cart.add.mutate({ variantId, quantity: 3 });
    const checkout = await shopper.customer.checkout.place.mutate({
      idempotencyKey: `live-stock-${product.id}`,
      addressId: address.id,
      shipping: [{ storeId: seller.store.id, courier: "jne", service: "REG" }],
    });
    const [, held] = await live.waitFor(2, 2000);
    expect(held?.data).toMatchObject({ event: { type: "stock.changed" }, variants: [{ variantId, available: 5 }] });

    const [order] = checkout.orders;
    await shopper.customer.orders.cancel.mutate({ id: order?.id ?? "" });
    const [, , released] = await live.waitFor(3, 2000);
    expect(released?.data).toMatchObject({ event: { type: "stock.changed" }, variants: [{ variantId, available: 8 }] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.messages).toHaveLength(3);
    live.stop();
  });
});

describe("customer.notifications.preferences.digest", () => {
  it("is on by default, can be turned off and on, and refuses non-booleans and anonymous callers", async () => {
    const client = api.client((await api.userWithRole("customer")).token);
    expect(await client.customer.notifications.preferences.digest.get.query()).toEqual({ digest: true });
    expect(await client.customer.notifications.preferences.digest.update.mutate({ digest: false })).toEqual({
      digest: false,
    });
    expect(await client.customer.notifications.preferences.digest.get.query()).toEqual({ digest: false });
    expect(await client.customer.notifications.preferences.digest.update.mutate({ digest: true })).toEqual({
      digest: true,
    });
    // @ts-expect-error: not a boolean
    const bad = client.customer.notifications.preferences.digest.update.mutate({ digest: "yes" });
    expect(await codeOf(bad)).toBe("BAD_REQUEST");
    expect(await codeOf(api.client().customer.notifications.preferences.digest.get.query())).toBe("UNAUTHORIZED");
  });
});
