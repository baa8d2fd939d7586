import { getSellerProduct } from "@niaga/core/catalog/products.read";
import { bulkUpdatePrices } from "@niaga/core/catalog/variants.service";
import { listInventory, listInventoryJournal } from "@niaga/core/inventory/inventory.read";
import { adjustInventory, bulkUpdateStock, managerAdjustInventory } from "@niaga/core/inventory/inventory.service";
import { createLocation } from "@niaga/core/stores/locations.service";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, productFor, sellerWithStore, someCategory } from "./support/catalog-fixtures.ts";

let database: TestDatabase;
let categoryId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  categoryId = (await someCategory(database.db)).id;
});
afterAll(() => database.drop());

async function outcome(promise: Promise<unknown>) {
  return promise.then(
    () => "OK",
    (error: { code?: string; message?: string }) => error.code ?? `ERROR ${error.message}`,
  );
}

async function level(variantId: string, locationId: string) {
  return database.db
    .selectFrom("inventory_levels")
    .selectAll()
    .where("variant_id", "=", variantId)
    .where("location_id", "=", locationId)
    .executeTakeFirstOrThrow();
}

async function stocked(onHand: number, extra: Record<string, unknown> = {}) {
  const fixture = await sellerWithStore(database.db);
  const product = await productFor(database.db, fixture.seller, categoryId, {
    variants: [{ sku: "V1", price: 1000, stock: [{ onHand }] }],
    ...extra,
  });
  return { ...fixture, product, variantId: product.variants[0]?.id ?? "" };
}

describe("adjusting stock", () => {
  it("lets exactly 10 of 20 concurrent -1 adjustments through on 10 on hand", async () => {
    const { seller, variantId, defaultLocationId, product } = await stocked(10);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        outcome(
          adjustInventory(database.db, seller, {
            variantId,
            locationId: defaultLocationId,
            delta: -1,
            reason: "damage",
          }),
        ),
      ),
    );
    expect(results.filter((result) => result === "OK")).toHaveLength(10);
    expect(results.filter((result) => result === "INVALID")).toHaveLength(10);
    expect((await level(variantId, defaultLocationId)).on_hand).toBe(0);
    const journal = await database.db
      .selectFrom("inventory_journal")
      .selectAll()
      .where("variant_id", "=", variantId)
      .where("reason", "=", "damage")
      .execute();
    expect(journal).toHaveLength(10);
    expect(journal.map((row) => row.on_hand_after).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await getSellerProduct(database.db, seller, { id: product.id })).inStock).toBe(false);
  });

  it("refuses going below zero or below reserved with a clear INVALID field error", async () => {
    const { seller, variantId, defaultLocationId } = await stocked(5);
    const belowZero = await adjustInventory(database.db, seller, {
      variantId,
      locationId: defaultLocationId,
      delta: -6,
      reason: "loss",
    }).catch((error) => error);
    expect(belowZero).toMatchObject({ code: "INVALID", fields: { delta: [expect.stringMatching(/below zero/)] } });
    await database.db
      .updateTable("inventory_levels")
      .set({ reserved: 3 })
      .where("variant_id", "=", variantId)
      .execute();
    const belowReserved = await adjustInventory(database.db, seller, {
      variantId,
      locationId: defaultLocationId,
      delta: -3,
      reason: "loss",
    }).catch((error) => error);
    expect(belowReserved).toMatchObject({ code: "INVALID", fields: { delta: [expect.stringMatching(/reserved/)] } });
    const fine = await adjustInventory(database.db, seller, {
      variantId,
      locationId: defaultLocationId,
      delta: -2,
      reason: "loss",
    });
    expect(fine).toMatchObject({ onHand: 3, reserved: 3, available: 0 });
  });

  it("records a low-stock event only when available crosses the threshold downwards", async () => {
    const { seller, variantId, defaultLocationId } = await stocked(8, { lowStockThreshold: 5 });
    const adjust = (delta: number) =>
      adjustInventory(database.db, seller, { variantId, locationId: defaultLocationId, delta, reason: "correction" });
    await adjust(-2); // 6
    await adjust(-1); // 5: crosses
    await adjust(-1); // 4: already below
    await adjust(10); // 14
    await adjust(-10); // 4: crosses again
    const events = await database.db
      .selectFrom("low_stock_events")
      .selectAll()
      .where("variant_id", "=", variantId)
      .orderBy("id")
      .execute();
    expect(events.map((event) => [event.available, event.threshold])).toEqual([
      [5, 5],
      [4, 5],
    ]);
  });

  it("treats another seller's variant or location as NOT_FOUND", async () => {
    const { variantId, defaultLocationId } = await stocked(5);
    const { seller: stranger, defaultLocationId: strangerLocation } = await sellerWithStore(database.db);
    expect(
      await outcome(
        adjustInventory(database.db, stranger, {
          variantId,
          locationId: defaultLocationId,
          delta: 1,
          reason: "restock",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(
        adjustInventory(database.db, stranger, {
          variantId,
          locationId: strangerLocation,
          delta: 1,
          reason: "restock",
        }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("lets a manager adjust any store's stock, journalled and audited", async () => {
    const { variantId, defaultLocationId, seller, product } = await stocked(0);
    const manager = await insertUser(database.db, "manager");
    const result = await managerAdjustInventory(database.db, manager, {
      variantId,
      locationId: defaultLocationId,
      delta: 4,
      note: "Stock count after warehouse audit",
    });
    expect(result).toMatchObject({ onHand: 4, available: 4 });
    expect((await getSellerProduct(database.db, seller, { id: product.id })).inStock).toBe(true);
    const audit = await database.db.selectFrom("audit_log").selectAll().where("target_id", "=", variantId).execute();
    expect(audit).toMatchObject([
      { action: "inventory.adjusted", actor_id: manager.userId, data: { delta: 4, onHandAfter: 4 } },
    ]);
    const journal = await listInventoryJournal(database.db, seller, { limit: 10, variantId });
    expect(journal.items[0]).toMatchObject({ reason: "manager_adjustment", actorId: manager.userId, onHandDelta: 4 });
  });
});

describe("bulk stock updates", () => {
  async function grid() {
    const fixture = await sellerWithStore(database.db);
    const second = await createLocation(database.db, fixture.seller, {
      name: "Gudang 2",
      address: { line: "", city: "Jakarta", postalCode: "10110", region: "" },
      isDefault: false,
    });
    const products = [];
    for (let index = 0; index < 2; index++) {
      products.push(
        await productFor(database.db, fixture.seller, categoryId, {
          variants: ["A", "B", "C"].map((sku) => ({ sku, price: 1000, stock: [{ onHand: 1 }] })),
        }),
      );
    }
    const cells = products.flatMap((product) =>
      product.variants.flatMap((variant) =>
        [fixture.defaultLocationId, second.id].map((locationId) => ({ variantId: variant.id, locationId })),
      ),
    );
    return { ...fixture, products, cells };
  }

  it("never deadlocks when concurrent calls touch the same rows in different orders, and applies each call whole", async () => {
    const { seller, cells, products } = await grid();
    const calls = Array.from({ length: 10 }, (_, call) => {
      const rows = cells.map((cell) => ({ ...cell, onHand: call * 10 + 1 }));
      // Each call lists the rows in its own shuffled order.
      for (let index = rows.length - 1; index > 0; index--) {
        const swap = (index * 7 + call * 13) % (index + 1);
        [rows[index], rows[swap]] = [rows[swap] as (typeof rows)[number], rows[index] as (typeof rows)[number]];
      }
      return rows;
    });
    const variantIds = products.flatMap((product) => product.variants.map((variant) => variant.id));
    const results = await Promise.all([
      ...calls.map((rows) => outcome(bulkUpdateStock(database.db, seller, { rows }))),
      ...calls.map((_, call) =>
        outcome(
          bulkUpdatePrices(database.db, seller, {
            rows: [...variantIds]
              .sort(() => (call % 2 ? 1 : -1))
              .map((variantId) => ({ variantId, price: 1000 + call })),
          }),
        ),
      ),
    ]);
    expect(results).toEqual(Array(20).fill("OK"));
    const levels = await Promise.all(cells.map((cell) => level(cell.variantId, cell.locationId)));
    expect(new Set(levels.map((row) => row.on_hand)).size).toBe(1);
  });

  it("applies all rows or none, with per-row errors", async () => {
    const { seller, cells } = await grid();
    // Cells go variant by variant, default location first: [0] and [2] are two variants' default levels.
    const [first, , second] = cells;
    if (!first || !second) throw new Error("grid too small");
    await database.db
      .updateTable("inventory_levels")
      .set({ on_hand: 5, reserved: 4 })
      .where("variant_id", "=", second.variantId)
      .where("location_id", "=", second.locationId)
      .execute();
    const refused = await bulkUpdateStock(database.db, seller, {
      rows: [
        { ...first, onHand: 50 },
        { ...second, onHand: 2 },
      ],
    }).catch((error) => error);
    expect(refused).toMatchObject({
      code: "INVALID",
      fields: { "rows.1.onHand": [expect.stringMatching(/reserved/)] },
    });
    expect((await level(first.variantId, first.locationId)).on_hand).toBe(1);
    const duplicate = await bulkUpdateStock(database.db, seller, {
      rows: [
        { ...first, onHand: 1 },
        { ...first, onHand: 2 },
      ],
    }).catch((error) => error);
    expect(duplicate).toMatchObject({ code: "INVALID", fields: { "rows.1.variantId": expect.any(Array) } });
    expect(
      await bulkUpdateStock(database.db, seller, {
        rows: [
          { ...first, onHand: 50 },
          { ...second, onHand: 4 },
        ],
      }),
    ).toEqual({
      updated: 2,
    });
  });

  it("keeps in_stock right when two variants of a product change at once", async () => {
    const { seller, defaultLocationId } = await sellerWithStore(database.db);
    const product = await productFor(database.db, seller, categoryId, {
      variants: [
        { sku: "A", price: 1000, stock: [{ onHand: 1 }] },
        { sku: "B", price: 1000, stock: [] },
      ],
    });
    const [a, b] = product.variants.map((variant) => variant.id) as [string, string];
    for (let round = 0; round < 5; round++) {
      // One variant sells out while the other is restocked: in stock either way.
      const [out, restock] = round % 2 ? [b, a] : [a, b];
      await Promise.all([
        adjustInventory(database.db, seller, {
          variantId: out,
          locationId: defaultLocationId,
          delta: -1,
          reason: "correction",
        }),
        adjustInventory(database.db, seller, {
          variantId: restock,
          locationId: defaultLocationId,
          delta: 1,
          reason: "restock",
        }),
      ]);
      expect((await getSellerProduct(database.db, seller, { id: product.id })).inStock).toBe(true);
    }
  });
});

describe("reading inventory", () => {
  it("lists levels per variant per location and pages the journal", async () => {
    const { seller, product, variantId, defaultLocationId } = await stocked(3);
    for (let index = 0; index < 4; index++) {
      await adjustInventory(database.db, seller, {
        variantId,
        locationId: defaultLocationId,
        delta: 1,
        reason: "restock",
      });
    }
    const levels = await listInventory(database.db, seller, { limit: 10, productId: product.id });
    expect(levels.items).toEqual([
      expect.objectContaining({
        variantId,
        locationId: defaultLocationId,
        onHand: 7,
        reserved: 0,
        available: 7,
        sku: "V1",
      }),
    ]);
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await listInventoryJournal(database.db, seller, { limit: 2, variantId, cursor });
      pages.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([2, 2, 1]);
    const { seller: stranger } = await sellerWithStore(database.db);
    expect((await listInventoryJournal(database.db, stranger, { limit: 10, variantId })).items).toHaveLength(0);
  });
});
