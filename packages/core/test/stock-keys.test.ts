import { newId } from "@niaga/core/shared/ids";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, sellerWithStore } from "./support/catalog-fixtures.ts";
import { storeWithVariant } from "./support/checkout-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const foreignKeyViolation = { code: "23503" };
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
        const checkoutId = newId();
        const orderId = newId();
        await trx
          .insertInto("checkouts")
          .values({
            id: checkoutId,
            customer_id: customer.userId,
            idempotency_key: "k",
            currency: "IDR",
            subtotal: 0,
            shipping_total: 0,
            grand_total: 0,
            shipping_address: "{}",
            expires_at: new Date(Date.now() + 60_000),
          })
          .execute();
        await trx
          .insertInto("orders")
          .values({
            id: orderId,
            number: `NG-${orderId}`,
            checkout_id: checkoutId,
            customer_id: customer.userId,
            store_id: held.store.id,
            subtotal: 0,
            shipping_cost: 0,
            total: 0,
            shipping_courier: "jne",
            shipping_service: "REG",
            shipping_address: "{}",
          })
          .execute();
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
});
