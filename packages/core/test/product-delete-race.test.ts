import { deleteProduct } from "@niaga/core/catalog/products.service";
import { placeCheckout } from "@niaga/core/checkout/checkout.service";
import { DomainError } from "@niaga/core/shared/errors";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cartFor, checkoutDeps, customerWithAddress, storeWithVariant } from "./support/checkout-fixtures.ts";
import { memoryStorage } from "./support/memory-storage.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Order lines whose variant no longer exists: history that lost its product. */
async function orphanedLines(): Promise<number> {
  const result = await sql<{ orphans: number }>`
    select count(*)::int as orphans from order_lines l
    where not exists (select from variants v where v.id = l.variant_id)`.execute(database.db);
  return result.rows[0]?.orphans ?? 0;
}

// Order lines keep no foreign key to their variant; deleteProduct and checkout keep each other
// out with the locks a checkout takes. Each round starts the delete while checkouts of the
// product are in flight, at a different moment each time.
describe("deleting a product while it is being checked out", () => {
  it("either archives it (some checkout sold it) or deletes it (none did), never leaving an order line without its variant", async () => {
    const deps = await checkoutDeps(database.db);
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const sold = await storeWithVariant(database.db, { stock: 100 });
      const shoppers = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const { customer, address } = await customerWithAddress(database.db);
          const input = await cartFor(
            database.db,
            customer.userId,
            [{ variantId: sold.variantId, storeId: sold.store.id, quantity: 1 }],
            address.id,
          );
          return { customerId: customer.userId, input };
        }),
      );
      // Even rounds give the delete a head start (long enough that it usually wins, even on a
      // loaded machine); odd ones start the checkouts first and the delete a little later each
      // time, so it lands while they are in flight.
      const pause = () => new Promise((resolve) => setTimeout(resolve, round % 2 === 0 ? 20 + round : round * 2));
      const remove = () => deleteProduct(database.db, memoryStorage(), sold.seller, { id: sold.product.id });
      const checkOut = () => shoppers.map((shopper) => placeCheckout(database.db, deps, shopper));
      let deleting: ReturnType<typeof remove>;
      let checkouts: ReturnType<typeof checkOut>;
      if (round % 2 === 0) {
        deleting = remove();
        await pause();
        checkouts = checkOut();
      } else {
        checkouts = checkOut();
        await pause();
        deleting = remove();
      }
      const [deleted, ...placed] = await Promise.allSettled([deleting, ...checkouts]);

      // The delete always answers (no lock error, no foreign-key violation from a cascade).
      expect(deleted.status).toBe("fulfilled");
      const outcome = (deleted as PromiseFulfilledResult<{ outcome: string }>).value.outcome;
      outcomes.add(outcome);
      // A checkout that lost the race fails with a clear domain error (its cart changed, or the
      // product is gone), never anything else.
      for (const result of placed) {
        if (result.status === "rejected") expect(result.reason).toBeInstanceOf(DomainError);
      }
      const sales = placed.filter((result) => result.status === "fulfilled").length;
      const product = await database.db
        .selectFrom("products")
        .select("status")
        .where("id", "=", sold.product.id)
        .executeTakeFirst();
      if (outcome === "deleted") {
        expect(sales).toBe(0);
        expect(product).toBeUndefined();
      } else {
        expect(sales).toBeGreaterThan(0);
        expect(product?.status).toBe("archived");
      }
      expect(await orphanedLines()).toBe(0);
    }
    // Some rounds delete before any checkout commits, others after: both sides of the race ran.
    expect([...outcomes].sort()).toEqual(["archived", "deleted"]);
  });
});
