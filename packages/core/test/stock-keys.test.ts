import type { Db } from "@niaga/core/shared/db";
import { newId } from "@niaga/core/shared/ids";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, sellerWithStore } from "./support/catalog-fixtures.ts";
import { insertBareCheckout, storeWithVariant } from "./support/checkout-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const foreignKeyViolation = { code: "23503" };

/** A bare checkout with one order of this customer at this store, as checkout writes them. */
async function insertOrder(db: Db, params: { customerId: string; storeId: string }) {
  const checkoutId = newId();
  const orderId = newId();
  await insertBareCheckout(db, { id: checkoutId, customerId: params.customerId, idempotencyKey: checkoutId });
  await db
    .insertInto("orders")
    .values({
      id: orderId,
      number: `NG-${orderId}`,
      checkout_id: checkoutId,
      customer_id: params.customerId,
      store_id: params.storeId,
      subtotal: 0,
      shipping_cost: 0,
      total: 0,
      shipping_courier: "jne",
      shipping_service: "REG",
      shipping_address: "{}",
    })
    .execute();
  return { checkoutId, orderId };
}
/** What PostgreSQL raises when ON DELETE RESTRICT keeps a referenced row. */
const restrictViolation = { code: "23001" };

describe("keys of what checkout writes", () => {
  it("refuses a journal row for a variant at a location where it has no stock level", async () => {
    const shirt = await storeWithVariant(database.db);
    // A location of another store: the variant exists, the location exists, the level does not.
    const elsewhere = await sellerWithStore(database.db);
    const journal = (locationId: string) =>
      database.db
        .insertInto("inventory_journal")
        .values({
          variant_id: shirt.variantId,
          location_id: locationId,
          on_hand_delta: 1,
          on_hand_after: 11,
          reason: "restock",
        })
        .execute();
    await expect(journal(elsewhere.defaultLocationId)).rejects.toMatchObject(foreignKeyViolation);
    await expect(journal(shirt.locationId)).resolves.toBeDefined();
  });

  it("takes a variant's journal with its stock level, and keeps a held variant from being deleted", async () => {
    const shirt = await storeWithVariant(database.db);
    const held = await storeWithVariant(database.db);
    await database.db
      .insertInto("inventory_journal")
      .values({
        variant_id: shirt.variantId,
        location_id: shirt.locationId,
        on_hand_delta: 1,
        on_hand_after: 11,
        reason: "restock",
      })
      .execute();
    await database.db.deleteFrom("variants").where("id", "=", shirt.variantId).execute();
    const left = await database.db
      .selectFrom("inventory_journal")
      .select("id")
      .where("variant_id", "=", shirt.variantId)
      .execute();
    expect(left).toEqual([]);
    await expect(
      database.db.transaction().execute(async (trx) => {
        const customer = await insertUser(trx, "customer");
        const { checkoutId, orderId } = await insertOrder(trx, { customerId: customer.userId, storeId: held.store.id });
        await trx
          .insertInto("stock_holds")
          .values({
            checkout_id: checkoutId,
            order_id: orderId,
            variant_id: held.variantId,
            location_id: held.locationId,
            quantity: 1,
          })
          .execute();
        await trx.deleteFrom("variants").where("id", "=", held.variantId).execute();
      }),
    ).rejects.toMatchObject(restrictViolation);
  });

  it("refuses a hold that names an order of another checkout", async () => {
    const shirt = await storeWithVariant(database.db);
    const customer = await insertUser(database.db, "customer");
    const mine = await insertOrder(database.db, { customerId: customer.userId, storeId: shirt.store.id });
    const other = await insertOrder(database.db, { customerId: customer.userId, storeId: shirt.store.id });
    const hold = (checkoutId: string) =>
      database.db
        .insertInto("stock_holds")
        .values({
          checkout_id: checkoutId,
          order_id: mine.orderId,
          variant_id: shirt.variantId,
          location_id: shirt.locationId,
          quantity: 1,
        })
        .execute();
    await expect(hold(other.checkoutId)).rejects.toMatchObject(foreignKeyViolation);
    await expect(hold(mine.checkoutId)).resolves.toBeDefined();
  });

  it("refuses an order line whose store or customer is not its order's", async () => {
    const shirt = await storeWithVariant(database.db);
    const elsewhere = await sellerWithStore(database.db);
    const customer = await insertUser(database.db, "customer");
    const stranger = await insertUser(database.db, "customer");
    const { orderId } = await insertOrder(database.db, { customerId: customer.userId, storeId: shirt.store.id });
    const line = (params: { storeId: string; customerId: string }) =>
      database.db
        .insertInto("order_lines")
        .values({
          id: newId(),
          order_id: orderId,
          customer_id: params.customerId,
          store_id: params.storeId,
          product_id: shirt.product.id,
          variant_id: shirt.variantId,
          product_title: shirt.product.title,
          unit_price: 5_000_000,
          quantity: 1,
        })
        .execute();
    await expect(line({ storeId: elsewhere.store.id, customerId: customer.userId })).rejects.toMatchObject(
      foreignKeyViolation,
    );
    await expect(line({ storeId: shirt.store.id, customerId: stranger.userId })).rejects.toMatchObject(
      foreignKeyViolation,
    );
    await expect(line({ storeId: shirt.store.id, customerId: customer.userId })).resolves.toBeDefined();
  });

  it("keeps who acted in the order history and the stock journal after their account is removed", async () => {
    const shirt = await storeWithVariant(database.db);
    const customer = await insertUser(database.db, "customer");
    const manager = await insertUser(database.db, "manager");
    const { orderId } = await insertOrder(database.db, { customerId: customer.userId, storeId: shirt.store.id });
    await database.db
      .insertInto("order_events")
      .values({ order_id: orderId, to_status: "pending_payment", actor_id: manager.userId, actor_role: "manager" })
      .execute();
    await database.db
      .insertInto("inventory_journal")
      .values({
        variant_id: shirt.variantId,
        location_id: shirt.locationId,
        on_hand_delta: 1,
        on_hand_after: 11,
        reason: "restock",
        actor_id: manager.userId,
      })
      .execute();
    await database.db.deleteFrom("user").where("id", "=", manager.userId).execute();
    const events = await database.db
      .selectFrom("order_events")
      .select("actor_id")
      .where("order_id", "=", orderId)
      .execute();
    const journal = await database.db
      .selectFrom("inventory_journal")
      .select("actor_id")
      .where("variant_id", "=", shirt.variantId)
      .where("reason", "=", "restock")
      .execute();
    expect(events).toEqual([{ actor_id: manager.userId }]);
    expect(journal).toEqual([{ actor_id: manager.userId }]);
  });
});
