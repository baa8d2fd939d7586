import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertProduct, insertStore } from "../../../packages/core/test/support/review-fixtures.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe("follows over HTTP", () => {
  it("follows and unfollows idempotently; the public store page shows the follower count", async () => {
    const store = await insertStore(api.database.db);
    const customer = api.client((await api.userWithRole("customer")).token);
    const seller = api.client((await api.userWithRole("seller")).token);
    expect(await customer.customer.follows.follow.mutate({ storeId: store.id })).toEqual({
      storeId: store.id,
      following: true,
      followerCount: 1,
    });
    await customer.customer.follows.follow.mutate({ storeId: store.id });
    // A seller is a customer too.
    expect((await seller.customer.follows.follow.mutate({ storeId: store.id })).followerCount).toBe(2);
    const page = await api.client().public.stores.get.query({ slug: store.slug });
    expect(page.followerCount).toBe(2);

    expect((await customer.customer.follows.unfollow.mutate({ storeId: store.id })).followerCount).toBe(1);
    expect((await customer.customer.follows.unfollow.mutate({ storeId: store.id })).following).toBe(false);
    expect((await api.client().public.stores.get.query({ slug: store.slug })).followerCount).toBe(1);
  });

  it("keeps the count exact when many customers follow and unfollow at once", async () => {
    const store = await insertStore(api.database.db);
    const clients = await Promise.all(
      Array.from({ length: 12 }, async () => api.client((await api.userWithRole("customer")).token)),
    );
    await Promise.all(
      clients.flatMap((client, index) => [
        client.customer.follows.follow.mutate({ storeId: store.id }),
        client.customer.follows.follow.mutate({ storeId: store.id }),
        ...(index % 3 === 0 ? [client.customer.follows.unfollow.mutate({ storeId: store.id })] : []),
      ]),
    );
    const row = await api.database.db
      .selectFrom("stores")
      .select("follower_count")
      .where("id", "=", store.id)
      .executeTakeFirstOrThrow();
    const follows = await api.database.db
      .selectFrom("store_follows")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("store_id", "=", store.id)
      .executeTakeFirstOrThrow();
    expect(row.follower_count).toBe(Number(follows.n));
  });

  it("refuses closed and unknown stores, and anonymous callers", async () => {
    const closed = await insertStore(api.database.db, { status: "closed" });
    const customer = api.client((await api.userWithRole("customer")).token);
    expect(await codeOf(customer.customer.follows.follow.mutate({ storeId: closed.id }))).toBe("CONFLICT");
    expect(await codeOf(customer.customer.follows.follow.mutate({ storeId: "no-such-store" }))).toBe("NOT_FOUND");
    expect(await codeOf(api.client().customer.follows.follow.mutate({ storeId: closed.id }))).toBe("UNAUTHORIZED");
    const manager = api.client((await api.userWithRole("manager")).token);
    expect(await codeOf(manager.customer.follows.feed.query({ limit: 5 }))).toBe("FORBIDDEN");
  });

  it("lists followed stores and a feed of their newly active products, newest first and paginated", async () => {
    const customer = api.client((await api.userWithRole("customer")).token);
    const followed = await insertStore(api.database.db);
    const ignored = await insertStore(api.database.db);
    await customer.customer.follows.follow.mutate({ storeId: followed.id });
    const base = Date.now() - 60_000;
    const products = [];
    for (let index = 0; index < 5; index++) {
      products.push(
        await insertProduct(api.database.db, { storeId: followed.id, publishedAt: new Date(base + index * 1000) }),
      );
    }
    await insertProduct(api.database.db, { storeId: followed.id, status: "draft" });
    await insertProduct(api.database.db, { storeId: ignored.id });

    const stores = await customer.customer.follows.list.query({ limit: 10 });
    expect(stores.items.map((store) => store.id)).toEqual([followed.id]);

    const first = await customer.customer.follows.feed.query({ limit: 3 });
    expect(first.items.map((item) => item.id)).toEqual(
      products
        .slice(2)
        .reverse()
        .map((product) => product.id),
    );
    const second = await customer.customer.follows.feed.query({ limit: 3, cursor: first.nextCursor });
    expect(second.items.map((item) => item.id)).toEqual([products[1]?.id, products[0]?.id]);
    expect(second.nextCursor).toBeNull();
    expect(await codeOf(customer.customer.follows.feed.query({ limit: 3, cursor: "bogus" }))).toBe("BAD_REQUEST");
  });
});
