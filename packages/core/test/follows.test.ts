import { followingFeed, listFollowedStores } from "@niaga/core/follows/follows.read";
import { followStore, unfollowStore } from "@niaga/core/follows/follows.service";
import type { Database } from "@niaga/db";
import { createDb } from "@niaga/db";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAccount, insertProduct, insertStore } from "./support/review-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function fail(promise: Promise<unknown>) {
  return promise.then(
    () => ({ code: "OK", fields: undefined }),
    (error: { code?: string; fields?: Record<string, string[]> }) => ({ code: error.code, fields: error.fields }),
  );
}

async function followerCount(storeId: string) {
  const store = await database.db
    .selectFrom("stores")
    .select("follower_count")
    .where("id", "=", storeId)
    .executeTakeFirstOrThrow();
  const rows = await database.db
    .selectFrom("store_follows")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("store_id", "=", storeId)
    .executeTakeFirstOrThrow();
  return { column: store.follower_count, rows: Number(rows.n) };
}

describe("follow and unfollow", () => {
  it("is idempotent both ways and keeps the follower count", async () => {
    const store = await insertStore(database.db);
    const customer = await insertAccount(database.db);
    expect(await followStore(database.db, customer, { storeId: store.id })).toEqual({
      storeId: store.id,
      following: true,
      followerCount: 1,
    });
    expect((await followStore(database.db, customer, { storeId: store.id })).followerCount).toBe(1);
    expect(await unfollowStore(database.db, customer, { storeId: store.id })).toEqual({
      storeId: store.id,
      following: false,
      followerCount: 0,
    });
    expect((await unfollowStore(database.db, customer, { storeId: store.id })).followerCount).toBe(0);
    expect(await followerCount(store.id)).toEqual({ column: 0, rows: 0 });
  });

  it("refuses closed stores, one's own store and unknown stores; unfollowing a closed store works", async () => {
    const customer = await insertAccount(database.db);
    const open = await insertStore(database.db);
    await followStore(database.db, customer, { storeId: open.id });
    await database.db.updateTable("stores").set({ status: "closed" }).where("id", "=", open.id).execute();
    const closed = await insertStore(database.db, { status: "closed" });
    expect((await fail(followStore(database.db, customer, { storeId: closed.id }))).code).toBe("CONFLICT");
    expect((await unfollowStore(database.db, customer, { storeId: open.id })).followerCount).toBe(0);

    const seller = await insertAccount(database.db, "seller");
    const own = await insertStore(database.db, { ownerId: seller.userId });
    expect(await fail(followStore(database.db, seller, { storeId: own.id }))).toEqual({
      code: "INVALID",
      fields: { storeId: ["This is your own store"] },
    });
    expect((await fail(followStore(database.db, customer, { storeId: "nope" }))).code).toBe("NOT_FOUND");
    expect((await fail(unfollowStore(database.db, customer, { storeId: "nope" }))).code).toBe("NOT_FOUND");
    const holiday = await insertStore(database.db, { status: "holiday" });
    expect((await followStore(database.db, customer, { storeId: holiday.id })).following).toBe(true);
  });

  it("keeps follower_count equal to the follow rows under racing follows and unfollows", async () => {
    const handle = createDb({ connectionString: database.url, max: 30 });
    try {
      const store = await insertStore(database.db);
      const customers = await Promise.all(Array.from({ length: 25 }, () => insertAccount(database.db)));
      // Some already follow, so their unfollows have something to remove.
      for (const customer of customers.slice(0, 10)) await followStore(database.db, customer, { storeId: store.id });
      const pool: Kysely<Database> = handle.db;
      const calls = customers.flatMap((customer, index) => {
        const follow = () => followStore(pool, customer, { storeId: store.id });
        const unfollow = () => unfollowStore(pool, customer, { storeId: store.id });
        // Every customer sends a burst mixing follows and unfollows, all at once.
        return index % 2 === 0 ? [follow, unfollow, follow, follow] : [unfollow, follow, unfollow, follow, unfollow];
      });
      for (let round = 0; round < 3; round++) await Promise.all(calls.map((call) => call()));
      const counts = await followerCount(store.id);
      expect(counts.column).toBe(counts.rows);
      expect(counts.rows).toBeGreaterThanOrEqual(0);
      // And a clean, predictable ending: everyone follows, then half leave, concurrently.
      await Promise.all(customers.map((customer) => followStore(pool, customer, { storeId: store.id })));
      expect(await followerCount(store.id)).toEqual({ column: 25, rows: 25 });
      await Promise.all(
        customers.flatMap((customer, index) =>
          index < 12
            ? [
                unfollowStore(pool, customer, { storeId: store.id }),
                unfollowStore(pool, customer, { storeId: store.id }),
              ]
            : [followStore(pool, customer, { storeId: store.id })],
        ),
      );
      expect(await followerCount(store.id)).toEqual({ column: 13, rows: 13 });
    } finally {
      await handle.close();
    }
  });
});

describe("followed stores and the following feed", () => {
  it("lists followed stores, most recent first, with a cursor", async () => {
    const customer = await insertAccount(database.db);
    const stores = [];
    for (let index = 0; index < 5; index++) {
      const store = await insertStore(database.db);
      await followStore(database.db, customer, { storeId: store.id });
      stores.push(store.id);
    }
    const first = await listFollowedStores(database.db, customer, { limit: 3 });
    expect(first.items.map((store) => store.id)).toEqual(stores.slice(2).reverse());
    expect(first.items[0]).toMatchObject({ followerCount: 1, status: "open" });
    const second = await listFollowedStores(database.db, customer, { limit: 3, cursor: first.nextCursor });
    expect(second.items.map((store) => store.id)).toEqual(stores.slice(0, 2).reverse());
    expect(second.nextCursor).toBeNull();
  });

  it("shows visible products of followed stores only, newest published first, across pages", async () => {
    const customer = await insertAccount(database.db);
    const followed = await insertStore(database.db);
    const other = await insertStore(database.db);
    const closing = await insertStore(database.db);
    await followStore(database.db, customer, { storeId: followed.id });
    await followStore(database.db, customer, { storeId: closing.id });

    const base = Date.now() - 10 * 60_000;
    const visible: string[] = [];
    for (let index = 0; index < 6; index++) {
      // Two products share each publish time: the id orders them.
      const product = await insertProduct(database.db, {
        storeId: followed.id,
        publishedAt: new Date(base + Math.floor(index / 2) * 1000),
        title: `Produk ${index}`,
      });
      visible.push(product.id);
    }
    await insertProduct(database.db, { storeId: followed.id, status: "draft" });
    await insertProduct(database.db, { storeId: followed.id, status: "archived", publishedAt: new Date() });
    await insertProduct(database.db, { storeId: followed.id, hidden: true });
    await insertProduct(database.db, { storeId: other.id });
    await insertProduct(database.db, { storeId: closing.id });
    await database.db.updateTable("stores").set({ status: "closed" }).where("id", "=", closing.id).execute();
    await database.db
      .insertInto("product_images")
      .values({
        id: `img-${visible[5]}`,
        product_id: visible[5] ?? "",
        url: "http://files.test/a.png",
        storage_key: "a.png",
      })
      .execute();

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const result = await followingFeed(database.db, customer, { limit: 4, cursor });
      seen.push(...result.items.map((item) => item.id));
      cursor = result.nextCursor;
    } while (cursor);
    const expected = visible
      .map((id, index) => ({ id, at: Math.floor(index / 2) }))
      .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
      .map((item) => item.id);
    expect(seen).toEqual(expected);
    const top = await followingFeed(database.db, customer, { limit: 1 });
    expect(top.items[0]).toMatchObject({
      store: { id: followed.id },
      minPrice: 85_000,
      rating: { average: null, count: 0, histogram: [0, 0, 0, 0, 0] },
    });
    const withImage = (await followingFeed(database.db, customer, { limit: 10 })).items.find(
      (item) => item.id === visible[5],
    );
    expect(withImage?.imageUrl).toBe("http://files.test/a.png");

    const stranger = await insertAccount(database.db);
    expect((await followingFeed(database.db, stranger, { limit: 10 })).items).toEqual([]);
  });
});
