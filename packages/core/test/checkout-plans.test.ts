import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import { placeCheckout } from "@niaga/core/checkout/checkout.service";
import type { DbHandle } from "@niaga/db";
import { createDb } from "@niaga/db";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cartFor, checkoutDeps, customerWithAddress, storeWithVariant } from "./support/checkout-fixtures.ts";

// PostgreSQL plans a prepared statement's first five executions for their own parameters, then
// keeps one generic plan unless that plan looks costlier than those custom ones did. A statement
// that never settles is planned again on every call: for checkout's opening statement that cost
// as much PostgreSQL time as running it (see README, Checkout benchmark).
const CUSTOM_PLANS_BEFORE_GENERIC = 5;

let database: TestDatabase;
let oneConnection: DbHandle;
let deps: CheckoutDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  // A pool of one, so every checkout runs its statements on the backend whose plan cache is read.
  oneConnection = createDb({ connectionString: database.url, max: 1 });
  deps = await checkoutDeps(oneConnection.db);
});
afterAll(async () => {
  await oneConnection.close();
  await database.drop();
});

/**
 * Stock levels for 5,000 more variants, analyzed: with a handful of rows every plan costs about
 * the same, and the planner's choice only shows once tables have some size, as in production.
 */
async function catalogBackdrop(productId: string, locationId: string) {
  await sql`
    insert into variants (id, product_id, sku, price)
    select 'backdrop-' || n, ${productId}, 'BACKDROP-' || n, 10000 from generate_series(1, 5000) as n`.execute(
    database.db,
  );
  await sql`
    insert into inventory_levels (variant_id, location_id, on_hand)
    select 'backdrop-' || n, ${locationId}, 5 from generate_series(1, 5000) as n`.execute(database.db);
  await sql`analyze variants, inventory_levels, stock_locations`.execute(database.db);
}

type Sold = Awaited<ReturnType<typeof storeWithVariant>>;

/** A new customer buys these variants (one line each) in one checkout on the one connection. */
async function checkoutOnOneConnection(lines: { sold: Sold; quantity: number }[], checkoutDeps = deps) {
  const { customer, address } = await customerWithAddress(database.db);
  const input = await cartFor(
    database.db,
    customer.userId,
    lines.map(({ sold, quantity }) => ({ variantId: sold.variantId, storeId: sold.store.id, quantity })),
    address.id,
  );
  await placeCheckout(oneConnection.db, checkoutDeps, { customerId: customer.userId, input });
}

describe("checkout's prepared statements", () => {
  it("settle on their generic plan instead of being planned again on every checkout", async () => {
    const checkouts = 9;
    const a = await storeWithVariant(database.db, { price: 120_000, stock: 100 });
    const b = await storeWithVariant(database.db, { price: 45_000, stock: 100 });
    await catalogBackdrop(a.product.id, a.locationId);
    for (let n = 0; n < checkouts; n++) {
      await checkoutOnOneConnection([
        { sold: a, quantity: 1 },
        { sold: b, quantity: 2 },
      ]);
    }

    const statements = await sql<{ statement: string; custom_plans: number; generic_plans: number }>`
      select statement, custom_plans::int, generic_plans::int from pg_prepared_statements`.execute(oneConnection.db);
    const everyCheckout = statements.rows.filter((row) => row.custom_plans + row.generic_plans >= checkouts);
    // The opening statement (cart lines taken, key claimed, levels locked) is among them.
    expect(everyCheckout.some((row) => /^\s*with taken as/.test(row.statement))).toBe(true);
    const replanned = everyCheckout
      .filter((row) => row.custom_plans > CUSTOM_PLANS_BEFORE_GENERIC)
      .map((row) => row.statement.replace(/\s+/g, " ").slice(0, 120));
    expect(replanned).toEqual([]);
  });

  /** How many times each statement the one connection prepared ran during `work`, begin and commit aside. */
  async function statementsRun(work: () => Promise<void>): Promise<number[]> {
    const executions = async () => {
      const { rows } = await sql<{ statement: string; runs: number }>`
        select statement, (custom_plans + generic_plans)::int as runs from pg_prepared_statements`.execute(
        oneConnection.db,
      );
      return new Map(
        rows.filter((row) => !row.statement.includes("pg_prepared_statements")).map((row) => [row.statement, row.runs]),
      );
    };
    const before = await executions();
    await work();
    const after = await executions();
    return [...after]
      .map(([statement, runs]) => ({ statement, runs: runs - (before.get(statement) ?? 0) }))
      .filter((row) => row.runs > 0 && !/^\s*(begin|commit)\s*$/i.test(row.statement))
      .map((row) => row.runs);
  }

  async function fourCheckouts(checkoutDeps: CheckoutDeps) {
    const a = await storeWithVariant(database.db, { price: 70_000, stock: 100 });
    const b = await storeWithVariant(database.db, { price: 30_000, stock: 100 });
    const checkout = () =>
      checkoutOnOneConnection(
        [
          { sold: a, quantity: 1 },
          { sold: b, quantity: 1 },
        ],
        checkoutDeps,
      );
    await checkout(); // the rate table is read once, then cached
    return statementsRun(async () => {
      for (let n = 0; n < 4; n++) await checkout();
    });
  }

  it("cost two statements besides begin and commit when shipping quotes from the database: the opening and the write", async () => {
    expect(deps.shipping.quotesFromDatabase).toBe(true);
    expect(await fourCheckouts(deps)).toEqual([4, 4]);
  });

  it("cost three with a provider on the network, asked before the transaction: the read, the opening and the write", async () => {
    // The same rates, from a provider that does not say it quotes from the database: as
    // RajaOngkir's, its quotes are taken before the transaction, from a read of their own.
    const remote: CheckoutDeps = {
      ...deps,
      shipping: { name: "remote", quote: (request) => deps.shipping.quote(request) },
    };
    expect(await fourCheckouts(remote)).toEqual([4, 4, 4]);
  });
});
