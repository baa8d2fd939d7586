import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCategory, sellerWithStore, uniqueSlug } from "./support/catalog.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
let categoryId: string;
beforeAll(async () => {
  api = await startTestApi();
  categoryId = (await newCategory(api)).id;
});
afterAll(() => api.stop());

async function stockedProduct(onHand: number) {
  const seller = await sellerWithStore(api);
  const product = await seller.client.seller.products.create.mutate({
    title: "Kopi Gayo Arabika 250g",
    slug: uniqueSlug("kopi"),
    categoryId,
    status: "active",
    lowStockThreshold: 3,
    variants: [{ sku: "KOPI-250", price: 9_500_000, stock: [{ onHand }] }],
  });
  const [location] = await seller.client.seller.locations.list.query();
  return { ...seller, product, variantId: product.variants[0]?.id ?? "", locationId: location?.id ?? "" };
}

describe("seller.inventory", () => {
  it("adjusts with a reason, lists levels and pages the journal", async () => {
    const { client, variantId, locationId, product } = await stockedProduct(5);
    const level = await client.seller.inventory.adjust.mutate({
      variantId,
      locationId,
      delta: 7,
      reason: "restock",
      note: "PO-17",
    });
    expect(level).toMatchObject({ onHand: 12, reserved: 0, available: 12, sku: "KOPI-250" });
    const below = await client.seller.inventory.adjust
      .mutate({ variantId, locationId, delta: -13, reason: "damage" })
      .catch((caught) => caught);
    expect(below.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { delta: [expect.stringMatching(/below zero/)] },
    });
    expect(
      await codeOf(client.seller.inventory.adjust.mutate({ variantId, locationId, delta: 0, reason: "restock" })),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        client.seller.inventory.adjust.mutate({
          variantId,
          locationId,
          delta: 1,
          reason: "manager_adjustment" as "restock",
        }),
      ),
    ).toBe("BAD_REQUEST");
    const levels = await client.seller.inventory.list.query({ productId: product.id });
    expect(levels.items).toEqual([expect.objectContaining({ variantId, locationId, onHand: 12 })]);
    const first = await client.seller.inventory.journal.query({ variantId, limit: 1 });
    expect(first.items[0]).toMatchObject({ reason: "restock", note: "PO-17", onHandDelta: 7, onHandAfter: 12 });
    const second = await client.seller.inventory.journal.query({ variantId, limit: 1, cursor: first.nextCursor });
    expect(second.items[0]).toMatchObject({ reason: "initial", onHandAfter: 5 });
    expect(second.nextCursor).toBeNull();
    const badCursor = await client.seller.inventory.list.query({ cursor: "!!" }).catch((caught) => caught);
    expect(badCursor.data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { cursor: ["Invalid cursor"] } });
  });

  it("lets exactly 10 of 20 concurrent -1 adjustments through over HTTP", async () => {
    const { client, variantId, locationId, product } = await stockedProduct(10);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        codeOf(client.seller.inventory.adjust.mutate({ variantId, locationId, delta: -1, reason: "correction" })),
      ),
    );
    expect(results.filter((result) => result === "OK")).toHaveLength(10);
    expect(results.filter((result) => result === "BAD_REQUEST")).toHaveLength(10);
    const after = await client.seller.products.get.query({ id: product.id });
    expect(after.variants[0]?.stock[0]).toMatchObject({ onHand: 0, available: 0 });
    expect(after.inStock).toBe(false);
    const events = await api.database.db
      .selectFrom("low_stock_events")
      .selectAll()
      .where("variant_id", "=", variantId)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ available: 3, threshold: 3 });
  });

  it("bulk-sets stock all-or-nothing and keeps others' variants out", async () => {
    const { client, variantId, locationId } = await stockedProduct(1);
    const stranger = await stockedProduct(1);
    const refused = await client.seller.products.bulkUpdateStock
      .mutate({
        rows: [
          { variantId, locationId, onHand: 40 },
          { variantId: stranger.variantId, locationId: stranger.locationId, onHand: 40 },
        ],
      })
      .catch((caught) => caught);
    expect(refused.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(refused.data.fieldErrors)).toEqual(["rows.1.variantId", "rows.1.locationId"]);
    expect((await client.seller.inventory.list.query({})).items[0]?.onHand).toBe(1);
    expect(
      await client.seller.products.bulkUpdateStock.mutate({ rows: [{ variantId, locationId, onHand: 40 }] }),
    ).toEqual({
      updated: 1,
    });
  });
});

describe("manager.inventory.adjust", () => {
  it("adjusts any store's stock with a note, audited for admins", async () => {
    const { variantId, locationId, client } = await stockedProduct(2);
    const manager = api.client((await api.userWithRole("manager")).token);
    const level = await manager.manager.inventory.adjust.mutate({
      variantId,
      locationId,
      delta: -2,
      note: "Rusak saat audit gudang",
    });
    expect(level).toMatchObject({ onHand: 0 });
    const journal = await client.seller.inventory.journal.query({ variantId, limit: 1 });
    expect(journal.items[0]).toMatchObject({ reason: "manager_adjustment", note: "Rusak saat audit gudang" });
    const admin = api.client((await api.userWithRole("admin")).token);
    const audit = await admin.admin.audit.list.query({ targetType: "variant", targetId: variantId });
    expect(audit[0]).toMatchObject({ action: "inventory.adjusted", data: { delta: -2, locationId } });
    expect(await codeOf(manager.manager.inventory.adjust.mutate({ variantId, locationId, delta: 1, note: "" }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      await codeOf(client.manager.inventory.adjust.mutate({ variantId, locationId, delta: 1, note: "selling more" })),
    ).toBe("FORBIDDEN");
  });
});
