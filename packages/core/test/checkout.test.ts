import { addToCart, getCart } from "@niaga/core/cart/cart.service";
import { OutOfStockError, PriceChangedError } from "@niaga/core/checkout/checkout.errors";
import { claimIdempotencyKey } from "@niaga/core/checkout/checkout.queries";
import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import { placeCheckout } from "@niaga/core/checkout/checkout.service";
import { newOrderNumber } from "@niaga/core/checkout/order-numbers";
import { DomainError } from "@niaga/core/shared/errors";
import { newId } from "@niaga/core/shared/ids";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cartFor,
  checkoutDeps,
  customerWithAddress,
  insertBareCheckout,
  storeWithVariant,
} from "./support/checkout-fixtures.ts";

let database: TestDatabase;
let deps: CheckoutDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = await checkoutDeps(database.db);
});
afterAll(() => database.drop());

async function level(variantId: string) {
  const rows = await database.db
    .selectFrom("inventory_levels")
    .select(["on_hand", "reserved"])
    .where("variant_id", "=", variantId)
    .execute();
  return {
    onHand: rows.reduce((sum, row) => sum + row.on_hand, 0),
    reserved: rows.reduce((sum, row) => sum + row.reserved, 0),
  };
}

async function heldUnits(variantId: string) {
  const row = await database.db
    .selectFrom("stock_holds")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("quantity"), eb.lit(0)).as("units"))
    .where("variant_id", "=", variantId)
    .where("status", "=", "held")
    .executeTakeFirstOrThrow();
  return Number(row.units);
}

describe("checkout", () => {
  it("splits a two-store cart into one order per store under one checkout, holding stock and emptying the cart", async () => {
    const a = await storeWithVariant(database.db, { price: 5_000_000, stock: 10, weightGrams: 700 });
    const b = await storeWithVariant(database.db, { price: 1_250_000, stock: 5, weightGrams: 300 });
    const { customer, address } = await customerWithAddress(database.db);
    const input = await cartFor(
      database.db,
      customer.userId,
      [
        { variantId: a.variantId, storeId: a.store.id, quantity: 2 },
        { variantId: b.variantId, storeId: b.store.id, quantity: 3 },
      ],
      address.id,
    );
    const checkout = await placeCheckout(database.db, deps, { customerId: customer.userId, input });

    expect(checkout.status).toBe("pending_payment");
    expect(checkout.orders).toHaveLength(2);
    const orderA = checkout.orders.find((order) => order.storeId === a.store.id);
    const orderB = checkout.orders.find((order) => order.storeId === b.store.id);
    expect(orderA?.subtotal).toBe(10_000_000);
    expect(orderB?.subtotal).toBe(3_750_000);
    // Both stores ship within Jawa Barat: JNE REG same-province rate (Rp 9.000 for the first kg);
    // store A's parcel is 1.4 kg, so it pays a second kilogram.
    expect(orderB?.shippingCost).toBe(900_000);
    expect(orderA?.shippingCost).toBeGreaterThan(orderB?.shippingCost ?? 0);
    expect(checkout.subtotal).toBe(13_750_000);
    expect(checkout.grandTotal).toBe(13_750_000 + (orderA?.shippingCost ?? 0) + (orderB?.shippingCost ?? 0));
    expect(orderA?.lines).toEqual([
      expect.objectContaining({ variantId: a.variantId, quantity: 2, unitPrice: 5_000_000, lineTotal: 10_000_000 }),
    ]);
    expect(orderA?.number).toMatch(/^NG\d{6}-[0-9A-Z]{8}$/);
    expect(await level(a.variantId)).toEqual({ onHand: 10, reserved: 2 });
    expect(await level(b.variantId)).toEqual({ onHand: 5, reserved: 3 });
    expect((await getCart(database.db, { customerId: customer.userId })).lines).toEqual([]);
  });

  it("returns the same checkout for a retried idempotency key, even when the retries race", async () => {
    const a = await storeWithVariant(database.db, { stock: 10 });
    const { customer, address } = await customerWithAddress(database.db);
    const input = await cartFor(
      database.db,
      customer.userId,
      [{ variantId: a.variantId, storeId: a.store.id, quantity: 1 }],
      address.id,
    );
    const results = await Promise.all(
      Array.from({ length: 6 }, () => placeCheckout(database.db, deps, { customerId: customer.userId, input })),
    );
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    const again = await placeCheckout(database.db, deps, { customerId: customer.userId, input });
    expect(again.id).toBe(results[0]?.id);
    const count = await database.db
      .selectFrom("checkouts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("customer_id", "=", customer.userId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    expect(await level(a.variantId)).toEqual({ onHand: 10, reserved: 1 });

    // A retry after the customer refilled the cart still answers with the first checkout, and
    // leaves the new cart and its stock untouched.
    await addToCart(database.db, { customerId: customer.userId }, { variantId: a.variantId, quantity: 2 });
    const afterRefill = await placeCheckout(database.db, deps, { customerId: customer.userId, input });
    expect(afterRefill.id).toBe(results[0]?.id);
    expect((await getCart(database.db, { customerId: customer.userId })).lines).toMatchObject([
      { variantId: a.variantId, quantity: 2 },
    ]);
    expect(await level(a.variantId)).toEqual({ onHand: 10, reserved: 1 });
  });

  it("answers with the first checkout when a twin with a refilled cart starts while the first is in flight", async () => {
    const a = await storeWithVariant(database.db, { stock: 10 });
    const { customer, address } = await customerWithAddress(database.db);
    const input = await cartFor(
      database.db,
      customer.userId,
      [{ variantId: a.variantId, storeId: a.store.id, quantity: 1 }],
      address.id,
    );
    // The first request, held open after claiming the key and writing its checkout row. The
    // twin's first statement starts before that commits, so its snapshot never sees the row:
    // it waits on the claim, goes on, and meets the row at the checkout's unique key.
    const firstId = newId();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let claimed = () => {};
    const hasClaimed = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    const first = database.db.transaction().execute(async (trx) => {
      await claimIdempotencyKey({ customerId: customer.userId, key: input.idempotencyKey }).execute(trx);
      await insertBareCheckout(trx, { id: firstId, customerId: customer.userId, idempotencyKey: input.idempotencyKey });
      claimed();
      await held;
    });
    await hasClaimed;
    const twin = placeCheckout(database.db, deps, { customerId: customer.userId, input });
    for (let tries = 0; ; tries++) {
      const waiting = await sql<{ n: number }>`
        select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`.execute(database.db);
      if ((waiting.rows[0]?.n ?? 0) > 0) break;
      if (tries > 200) throw new Error("the twin never waited on the claim");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    release();
    await first;
    expect((await twin).id).toBe(firstId);
    // The twin took nothing: its cart is whole and no stock is held.
    expect((await getCart(database.db, { customerId: customer.userId })).lines).toMatchObject([
      { variantId: a.variantId, quantity: 1 },
    ]);
    expect(await level(a.variantId)).toEqual({ onHand: 10, reserved: 0 });
  });

  it("draws new order numbers when a random one is already taken, instead of failing the checkout", async () => {
    const a = await storeWithVariant(database.db, { stock: 10 });
    const buy = async (checkoutDeps: CheckoutDeps) => {
      const { customer, address } = await customerWithAddress(database.db);
      const input = await cartFor(
        database.db,
        customer.userId,
        [{ variantId: a.variantId, storeId: a.store.id, quantity: 1 }],
        address.id,
      );
      return placeCheckout(database.db, checkoutDeps, { customerId: customer.userId, input });
    };
    const taken = (await buy(deps)).orders[0]?.number as string;
    // The next checkout's first draw is the taken number, as a clash of 40 random bits would be.
    const drawn: string[] = [];
    const clashing: CheckoutDeps = {
      ...deps,
      orderNumbers: (now) => {
        const number = drawn.length === 0 ? taken : newOrderNumber(now);
        drawn.push(number);
        return number;
      },
    };
    const placed = await buy(clashing);
    expect(drawn).toHaveLength(2);
    expect(placed.orders.map((order) => order.number)).toEqual([drawn[1]]);
    expect(await level(a.variantId)).toEqual({ onHand: 10, reserved: 2 });
  });

  it("refuses a changed price with the lines listed, and succeeds once the customer confirms", async () => {
    const a = await storeWithVariant(database.db, { price: 1_000_000 });
    const { customer, address } = await customerWithAddress(database.db);
    const input = await cartFor(
      database.db,
      customer.userId,
      [{ variantId: a.variantId, storeId: a.store.id, quantity: 1 }],
      address.id,
    );
    await database.db.updateTable("variants").set({ price: 1_200_000 }).where("id", "=", a.variantId).execute();
    const error = await placeCheckout(database.db, deps, { customerId: customer.userId, input }).catch((e) => e);
    expect(error).toBeInstanceOf(PriceChangedError);
    expect(error.fields).toEqual({ [`lines.${a.variantId}`]: ["Price changed from 1000000 to 1200000"] });
    expect(await level(a.variantId)).toEqual({ onHand: 10, reserved: 0 });

    const cart = await getCart(database.db, { customerId: customer.userId });
    expect(cart.lines[0]).toMatchObject({ priceChanged: true, unitPrice: 1_200_000, seenUnitPrice: 1_000_000 });
    await addToCart(database.db, { customerId: customer.userId }, { variantId: a.variantId, quantity: 1 });
    // Re-adding refreshed the seen price and raised the quantity; checking out now succeeds.
    const checkout = await placeCheckout(database.db, deps, {
      customerId: customer.userId,
      input: { ...input, idempotencyKey: `${input.idempotencyKey}-2` },
    });
    expect(checkout.subtotal).toBe(2_400_000);
  });

  it("refuses an empty cart, a missing shipping choice and another customer's address", async () => {
    const a = await storeWithVariant(database.db);
    const { customer, address } = await customerWithAddress(database.db);
    const other = await customerWithAddress(database.db);
    const empty = await placeCheckout(database.db, deps, {
      customerId: customer.userId,
      input: {
        idempotencyKey: "empty-cart-1",
        addressId: address.id,
        shipping: [],
        couponCodes: [],
        walletAmount: 0,
        coins: 0,
      },
    }).catch((e) => e);
    expect(empty).toMatchObject({ code: "INVALID", message: "Your cart is empty" });

    const input = await cartFor(
      database.db,
      customer.userId,
      [{ variantId: a.variantId, storeId: a.store.id, quantity: 1 }],
      address.id,
    );
    const noShipping = await placeCheckout(database.db, deps, {
      customerId: customer.userId,
      input: { ...input, shipping: [] },
    }).catch((e) => e);
    expect(noShipping.code).toBe("INVALID");
    expect(Object.keys(noShipping.fields)).toEqual([`shipping.${a.store.id}`]);

    const notMine = await placeCheckout(database.db, deps, {
      customerId: customer.userId,
      input: { ...input, addressId: other.address.id },
    }).catch((e) => e);
    expect(notMine).toBeInstanceOf(DomainError);
    expect(notMine.code).toBe("NOT_FOUND");
  });

  it("refuses items that are no longer for sale", async () => {
    const a = await storeWithVariant(database.db);
    const { customer, address } = await customerWithAddress(database.db);
    const input = await cartFor(
      database.db,
      customer.userId,
      [{ variantId: a.variantId, storeId: a.store.id, quantity: 1 }],
      address.id,
    );
    await database.db.updateTable("stores").set({ status: "holiday" }).where("id", "=", a.store.id).execute();
    const error = await placeCheckout(database.db, deps, { customerId: customer.userId, input }).catch((e) => e);
    expect(error.code).toBe("CONFLICT");
    expect(Object.keys(error.fields)).toEqual([`lines.${a.variantId}`]);
  });
});

describe("checkout under concurrency", () => {
  it("sells exactly the 10 units in stock to 50 racing buyers; the other 40 get a clear out-of-stock error", async () => {
    const a = await storeWithVariant(database.db, { stock: 10 });
    const buyers = await Promise.all(Array.from({ length: 50 }, () => customerWithAddress(database.db)));
    const inputs = await Promise.all(
      buyers.map(({ customer, address }) =>
        cartFor(
          database.db,
          customer.userId,
          [{ variantId: a.variantId, storeId: a.store.id, quantity: 1 }],
          address.id,
        ),
      ),
    );
    const results = await Promise.allSettled(
      buyers.map(({ customer }, index) =>
        placeCheckout(database.db, deps, {
          customerId: customer.userId,
          input: inputs[index] as (typeof inputs)[number],
        }),
      ),
    );
    const sold = results.filter((result) => result.status === "fulfilled");
    const refused = results.filter((result) => result.status === "rejected");
    expect(sold).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const result of refused) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(OutOfStockError);
      expect((result as PromiseRejectedResult).reason.message).toMatch(/^Out of stock/);
    }
    expect(await level(a.variantId)).toEqual({ onHand: 10, reserved: 10 });
    expect(await heldUnits(a.variantId)).toBe(10);
  });

  it("sells no more than the stock of either variant when every racing cart holds both, in either order", async () => {
    const a = await storeWithVariant(database.db, { stock: 10 });
    const b = await storeWithVariant(database.db, { stock: 10 });
    const buyers = await Promise.all(Array.from({ length: 50 }, () => customerWithAddress(database.db)));
    const inputs = await Promise.all(
      buyers.map(({ customer, address }, index) => {
        const items = [
          { variantId: a.variantId, storeId: a.store.id, quantity: 1 },
          { variantId: b.variantId, storeId: b.store.id, quantity: 1 },
        ];
        // Half the carts list the variants the other way round: lock ordering must not depend on it.
        return cartFor(database.db, customer.userId, index % 2 ? items.reverse() : items, address.id);
      }),
    );
    const results = await Promise.allSettled(
      buyers.map(({ customer }, index) =>
        placeCheckout(database.db, deps, {
          customerId: customer.userId,
          input: inputs[index] as (typeof inputs)[number],
        }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(10);
    for (const result of results.filter((r) => r.status === "rejected")) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(OutOfStockError);
    }
    expect(await level(a.variantId)).toEqual({ onHand: 10, reserved: 10 });
    expect(await level(b.variantId)).toEqual({ onHand: 10, reserved: 10 });
  });

  it("refuses a line asking for more than is left, naming what is left", async () => {
    const a = await storeWithVariant(database.db, { stock: 3 });
    const { customer, address } = await customerWithAddress(database.db);
    const input = await cartFor(
      database.db,
      customer.userId,
      [{ variantId: a.variantId, storeId: a.store.id, quantity: 4 }],
      address.id,
    );
    const error = await placeCheckout(database.db, deps, { customerId: customer.userId, input }).catch((e) => e);
    expect(error).toBeInstanceOf(OutOfStockError);
    expect(error.fields).toEqual({ [`lines.${a.variantId}`]: ["Out of stock: only 3 left, 4 requested"] });
    expect(await level(a.variantId)).toEqual({ onHand: 3, reserved: 0 });
  });
});
