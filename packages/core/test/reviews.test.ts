import { listAuditLog } from "@niaga/core/audit/audit";
import { markOrderLineDelivered, recordDeliveredOrderLine, recordOrderLine } from "@niaga/core/orders/order-lines";
import { recomputeRatings } from "@niaga/core/reviews/rating-aggregates";
import { uploadReviewImage } from "@niaga/core/reviews/reviews.images";
import { replyToReview, setReviewHidden } from "@niaga/core/reviews/reviews.moderation";
import { listPublicReviews, listStoreReviews } from "@niaga/core/reviews/reviews.read";
import { createReview, listMyReviews, updateReview } from "@niaga/core/reviews/reviews.service";
import type { Database } from "@niaga/db";
import { createDb } from "@niaga/db";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryStorage, pngBytes } from "./support/memory-storage.ts";
import { insertAccount, insertProduct, ratingColumns, storeWithProduct } from "./support/review-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const policy = { editWindowDays: 30 };
const page = { limit: 20 };

async function fail(promise: Promise<unknown>) {
  return promise.then(
    () => ({ code: "OK", fields: undefined }),
    (error: { code?: string; fields?: Record<string, string[]> }) => ({ code: error.code, fields: error.fields }),
  );
}

/** A customer with a delivered line of `variantId`. */
async function buyer(variantId: string, name?: string) {
  const customer = await insertAccount(database.db, "customer", name);
  const line = await recordDeliveredOrderLine(database.db, { customerId: customer.userId, variantId });
  return { customer, line };
}

describe("creating reviews", () => {
  it("lets the buyer review a delivered line once, and counts it in the product's and store's aggregates", async () => {
    const { store, product } = await storeWithProduct(database.db);
    const { customer, line } = await buyer(product.variantId, "Budi Santoso");
    const review = await createReview(database.db, customer, {
      orderLineId: line.id,
      rating: 4,
      comment: "Enak, wangi",
      ...policy,
    });
    expect(review).toMatchObject({
      rating: 4,
      comment: "Enak, wangi",
      images: [],
      authorName: "Budi S.",
      variantTitle: "250 g",
      orderLineId: line.id,
      product: { id: product.id, slug: product.slug },
      hidden: false,
      editedAt: null,
      reply: null,
    });
    expect(review.editableUntil.getTime() - review.createdAt.getTime()).toBe(30 * 24 * 3600 * 1000);
    const aggregates = await ratingColumns(database.db, { productId: product.id, storeId: store.id });
    expect(aggregates.product).toEqual({ count: 1, sum: 4, histogram: [0, 0, 0, 1, 0] });
    expect(aggregates.store).toEqual({ count: 1, sum: 4, histogram: [0, 0, 0, 1, 0] });

    const again = await fail(
      createReview(database.db, customer, { orderLineId: line.id, rating: 5, comment: "", ...policy }),
    );
    expect(again.code).toBe("CONFLICT");
    expect((await ratingColumns(database.db, { productId: product.id, storeId: store.id })).product.count).toBe(1);
    const mine = await listMyReviews(database.db, customer, { ...page, ...policy });
    expect(mine.items.map((item) => item.id)).toEqual([review.id]);
  });

  it("answers NOT_FOUND for someone else's line or an unknown one, and a field error for an undelivered line", async () => {
    const { product } = await storeWithProduct(database.db);
    const { line } = await buyer(product.variantId);
    const stranger = await insertAccount(database.db);
    const othersLine = await fail(
      createReview(database.db, stranger, { orderLineId: line.id, rating: 5, comment: "", ...policy }),
    );
    expect(othersLine.code).toBe("NOT_FOUND");
    const unknown = await fail(
      createReview(database.db, stranger, { orderLineId: "nope", rating: 5, comment: "", ...policy }),
    );
    expect(unknown.code).toBe("NOT_FOUND");

    for (const status of ["pending", "paid", "shipped", "cancelled", "refunded"] as const) {
      const pending = await recordOrderLine(database.db, {
        customerId: stranger.userId,
        variantId: product.variantId,
        status,
      });
      const early = await fail(
        createReview(database.db, stranger, { orderLineId: pending.id, rating: 5, comment: "", ...policy }),
      );
      expect(early, status).toEqual({
        code: "INVALID",
        fields: { orderLineId: ["This item has not been delivered yet"] },
      });
    }
    const shipped = await recordOrderLine(database.db, {
      customerId: stranger.userId,
      variantId: product.variantId,
      status: "shipped",
    });
    await markOrderLineDelivered(database.db, { id: shipped.id });
    const delivered = await createReview(database.db, stranger, {
      orderLineId: shipped.id,
      rating: 5,
      comment: "",
      ...policy,
    });
    expect(delivered.rating).toBe(5);
    const completed = await recordOrderLine(database.db, {
      customerId: stranger.userId,
      variantId: product.variantId,
      status: "completed",
    });
    expect(
      (
        await fail(
          createReview(database.db, stranger, { orderLineId: completed.id, rating: 3, comment: "", ...policy }),
        )
      ).code,
    ).toBe("OK");
  });

  it("refuses a seller reviewing their own store's product", async () => {
    const { store, product } = await storeWithProduct(database.db);
    const line = await recordDeliveredOrderLine(database.db, {
      customerId: store.ownerId,
      variantId: product.variantId,
    });
    const owner = { userId: store.ownerId, role: "seller" as const, requestId: null };
    expect(
      (await fail(createReview(database.db, owner, { orderLineId: line.id, rating: 5, comment: "", ...policy }))).code,
    ).toBe("FORBIDDEN");
  });
});

describe("editing reviews", () => {
  it("moves one histogram bucket on a rating change and stamps edited_at", async () => {
    const { store, product } = await storeWithProduct(database.db);
    const { customer, line } = await buyer(product.variantId);
    const review = await createReview(database.db, customer, {
      orderLineId: line.id,
      rating: 2,
      comment: "Kurang",
      ...policy,
    });
    const edited = await updateReview(database.db, customer, {
      id: review.id,
      data: { rating: 5, comment: "Ternyata enak" },
      ...policy,
    });
    expect(edited).toMatchObject({ rating: 5, comment: "Ternyata enak" });
    expect(edited.editedAt).toBeInstanceOf(Date);
    const aggregates = await ratingColumns(database.db, { productId: product.id, storeId: store.id });
    expect(aggregates.product).toEqual({ count: 1, sum: 5, histogram: [0, 0, 0, 0, 1] });
    expect(aggregates.store).toEqual(aggregates.product);
    const commentOnly = await updateReview(database.db, customer, {
      id: review.id,
      data: { comment: "Mantap" },
      ...policy,
    });
    expect(commentOnly.rating).toBe(5);
    expect((await ratingColumns(database.db, { productId: product.id, storeId: store.id })).product.sum).toBe(5);
  });

  it("refuses edits after the window and edits of another customer's review", async () => {
    const { product } = await storeWithProduct(database.db);
    const { customer, line } = await buyer(product.variantId);
    const review = await createReview(database.db, customer, {
      orderLineId: line.id,
      rating: 3,
      comment: "",
      ...policy,
    });
    const stranger = await insertAccount(database.db);
    expect(
      (await fail(updateReview(database.db, stranger, { id: review.id, data: { rating: 1 }, ...policy }))).code,
    ).toBe("NOT_FOUND");
    await database.db
      .updateTable("reviews")
      .set({ created_at: new Date(Date.now() - 31 * 24 * 3600 * 1000) })
      .where("id", "=", review.id)
      .execute();
    expect(
      (await fail(updateReview(database.db, customer, { id: review.id, data: { rating: 1 }, ...policy }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await fail(updateReview(database.db, customer, { id: review.id, data: { rating: 1 }, editWindowDays: 60 })))
        .code,
    ).toBe("OK");
  });

  it("uploads images to the author's own review only, up to five, and lets an edit drop or reorder them", async () => {
    const storage = memoryStorage();
    const { product } = await storeWithProduct(database.db);
    const { customer, line } = await buyer(product.variantId);
    const review = await createReview(database.db, customer, {
      orderLineId: line.id,
      rating: 5,
      comment: "",
      ...policy,
    });
    const upload = (seed: number, who = customer, bytes = pngBytes(seed)) =>
      uploadReviewImage(database.db, storage, who, { reviewId: review.id, bytes, maxBytes: 1024, ...policy });

    const stranger = await insertAccount(database.db);
    expect((await fail(upload(1, stranger))).code).toBe("NOT_FOUND");
    expect((await fail(upload(1, customer, new TextEncoder().encode("not an image")))).code).toBe("UNSUPPORTED");
    expect((await fail(upload(1, customer, new Uint8Array(2048).fill(0x89)))).code).toBe("PAYLOAD_TOO_LARGE");

    // The same picture twice is one image.
    await upload(1);
    expect((await upload(1)).images).toHaveLength(1);
    // Four at once: the conditional append keeps every one, and a sixth is refused.
    const results = await Promise.all([2, 3, 4, 5].map((seed) => upload(seed)));
    expect(Math.max(...results.map((result) => result.images.length))).toBe(5);
    const sixth = await fail(upload(6));
    expect(sixth.code).toBe("INVALID");
    const [mine] = (await listMyReviews(database.db, customer, { ...page, ...policy })).items;
    const images = mine?.images ?? [];
    expect(images).toHaveLength(5);
    expect(images.every((url) => url.includes(`/reviews/${review.id}/`) && !url.includes(customer.userId))).toBe(true);

    const kept = [images[3] ?? "", images[0] ?? ""];
    const edited = await updateReview(database.db, customer, { id: review.id, data: { images: kept }, ...policy });
    expect(edited.images).toEqual(kept);
    const foreign = await fail(
      updateReview(database.db, customer, {
        id: review.id,
        data: { images: ["https://evil.example/x.png"] },
        ...policy,
      }),
    );
    expect(foreign.code).toBe("INVALID");
    expect(foreign.fields).toHaveProperty(["data.images"]);
  });
});

describe("moderation and replies", () => {
  it("hides a review out of the aggregates and the public list, and unhides it back, auditing both", async () => {
    const { store, product } = await storeWithProduct(database.db);
    const manager = await insertAccount(database.db, "manager");
    const a = await buyer(product.variantId);
    const b = await buyer(product.variantId);
    const kept = await createReview(database.db, a.customer, {
      orderLineId: a.line.id,
      rating: 5,
      comment: "",
      ...policy,
    });
    const abusive = await createReview(database.db, b.customer, {
      orderLineId: b.line.id,
      rating: 1,
      comment: "!!!",
      ...policy,
    });

    const hidden = await setReviewHidden(database.db, manager, {
      id: abusive.id,
      hidden: true,
      reason: "Abusive language",
    });
    expect(hidden).toMatchObject({ hidden: true, hiddenReason: "Abusive language" });
    expect((await ratingColumns(database.db, { productId: product.id, storeId: store.id })).product).toEqual({
      count: 1,
      sum: 5,
      histogram: [0, 0, 0, 0, 1],
    });
    const visible = await listPublicReviews(database.db, { productId: product.id, ...page });
    expect(visible.items.map((item) => item.id)).toEqual([kept.id]);
    // Hiding twice changes nothing in the aggregates.
    await setReviewHidden(database.db, manager, { id: abusive.id, hidden: true, reason: "Still abusive" });
    // The author still sees it, flagged; an edit while hidden does not count.
    await updateReview(database.db, b.customer, { id: abusive.id, data: { rating: 2 }, ...policy });
    const mine = await listMyReviews(database.db, b.customer, { ...page, ...policy });
    expect(mine.items[0]).toMatchObject({ hidden: true, rating: 2 });
    expect((await ratingColumns(database.db, { productId: product.id, storeId: store.id })).product.count).toBe(1);

    await setReviewHidden(database.db, manager, { id: abusive.id, hidden: false, reason: "Appeal accepted" });
    const aggregates = await ratingColumns(database.db, { productId: product.id, storeId: store.id });
    expect(aggregates.product).toEqual({ count: 2, sum: 7, histogram: [0, 1, 0, 0, 1] });
    expect(aggregates.store).toEqual(aggregates.product);

    const audit = await listAuditLog(database.db, { targetType: "review", targetId: abusive.id, limit: 10 });
    expect(audit.map((entry) => entry.action)).toEqual(["review.unhidden", "review.hidden", "review.hidden"]);
    expect(audit[2]).toMatchObject({ actorId: manager.userId, data: { reason: "Abusive language", changed: true } });
    expect((await fail(setReviewHidden(database.db, manager, { id: "missing", hidden: true, reason: "x" }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("lets the store's owner reply once; another store's seller gets NOT_FOUND", async () => {
    const { store, product } = await storeWithProduct(database.db);
    const owner = { userId: store.ownerId, role: "seller" as const, requestId: null };
    const { customer, line } = await buyer(product.variantId);
    const review = await createReview(database.db, customer, {
      orderLineId: line.id,
      rating: 3,
      comment: "",
      ...policy,
    });
    const otherSeller = await insertAccount(database.db, "seller");
    await storeWithProduct(database.db);
    expect((await fail(replyToReview(database.db, otherSeller, { id: review.id, text: "Hi" }))).code).toBe("NOT_FOUND");

    const replies = await Promise.all([
      fail(replyToReview(database.db, owner, { id: review.id, text: "Terima kasih!" })),
      fail(replyToReview(database.db, owner, { id: review.id, text: "Makasih" })),
    ]);
    expect(replies.map((reply) => reply.code).sort()).toEqual(["CONFLICT", "OK"]);
    const listed = await listPublicReviews(database.db, { productSlug: product.slug, ...page });
    expect(listed.items[0]?.reply?.text).toMatch(/^(Terima kasih!|Makasih)$/);

    const sellerView = await listStoreReviews(database.db, owner, { ...page, replied: true });
    expect(sellerView.items.map((item) => item.id)).toEqual([review.id]);
    expect((await listStoreReviews(database.db, owner, { ...page, replied: false })).items).toEqual([]);
    expect((await listStoreReviews(database.db, otherSeller, page)).items).toEqual([]);
  });
});

describe("public review list", () => {
  it("pages newest first with a stable cursor (ties in created_at included) and filters by rating", async () => {
    const { product } = await storeWithProduct(database.db);
    const ids: string[] = [];
    for (let index = 0; index < 7; index++) {
      const { customer, line } = await buyer(product.variantId);
      const review = await createReview(database.db, customer, {
        orderLineId: line.id,
        rating: (index % 5) + 1,
        comment: `#${index}`,
        ...policy,
      });
      ids.push(review.id);
    }
    // Three reviews sharing one timestamp to the microsecond: the id breaks the tie.
    await database.db
      .updateTable("reviews")
      .set({ created_at: new Date(Date.now() - 3_600_000) })
      .where("id", "in", ids.slice(0, 3))
      .execute();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const result = await listPublicReviews(database.db, { productId: product.id, limit: 2, cursor });
      seen.push(...result.items.map((item) => item.id));
      cursor = result.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(0, 4)).toEqual(ids.slice(3).reverse());
    const fives = await listPublicReviews(database.db, { productId: product.id, rating: 5, ...page });
    expect(fives.items.map((item) => item.rating)).toEqual([5]);
    const bad = await fail(listPublicReviews(database.db, { productId: product.id, limit: 2, cursor: "garbage" }));
    expect(bad).toEqual({ code: "INVALID", fields: { cursor: ["Invalid cursor"] } });
  });

  it("answers NOT_FOUND for products the public cannot see", async () => {
    const { store } = await storeWithProduct(database.db);
    const hidden = await insertProduct(database.db, { storeId: store.id, hidden: true });
    const draft = await insertProduct(database.db, { storeId: store.id, status: "draft" });
    for (const product of [hidden, draft]) {
      expect((await fail(listPublicReviews(database.db, { productId: product.id, ...page }))).code).toBe("NOT_FOUND");
    }
  });
});

/** Resolves once `parties` callers have arrived: every racer holds an open transaction before any goes on. */
function barrier(parties: number) {
  let arrived = 0;
  let release: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    release = resolve;
  });
  return async () => {
    arrived += 1;
    if (arrived === parties) release();
    await all;
  };
}

/** Runs each job in its own transaction on its own connection, all open at the same time. */
async function race<T>(pool: Kysely<Database>, jobs: ((trx: Kysely<Database>) => Promise<T>)[]) {
  const arrive = barrier(jobs.length);
  return Promise.all(
    jobs.map((job) =>
      pool
        .transaction()
        .execute(async (trx) => {
          await sql`select 1`.execute(trx);
          await arrive();
          return job(trx);
        })
        .then(
          (value) => ({ ok: true as const, value }),
          (error: { code?: string }) => ({ ok: false as const, code: error.code }),
        ),
    ),
  );
}

describe("aggregates under concurrency", () => {
  const RACERS = 30;
  let pool: Kysely<Database>;
  let closePool: () => Promise<void>;
  beforeAll(() => {
    const handle = createDb({ connectionString: database.url, max: RACERS });
    pool = handle.db;
    closePool = handle.close;
  });
  afterAll(() => closePool());

  it("counts 30 customers reviewing one product at once exactly, on the product and its store", async () => {
    const { store, product } = await storeWithProduct(database.db);
    const second = await insertProduct(database.db, { storeId: store.id });
    const buyers = await Promise.all(
      Array.from({ length: RACERS }, (_, index) => buyer(index % 3 === 0 ? second.variantId : product.variantId)),
    );
    const ratings = buyers.map((_, index) => ((index * 7) % 5) + 1);
    const results = await race(
      pool,
      buyers.map(
        ({ customer, line }, index) =>
          (trx) =>
            createReview(trx, customer, { orderLineId: line.id, rating: ratings[index] ?? 1, comment: "", ...policy }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);

    const expected = (indexes: number[]) => {
      const histogram = [0, 0, 0, 0, 0];
      for (const index of indexes) {
        const bucket = (ratings[index] ?? 1) - 1;
        histogram[bucket] = (histogram[bucket] ?? 0) + 1;
      }
      return {
        count: indexes.length,
        sum: indexes.reduce((total, index) => total + (ratings[index] ?? 0), 0),
        histogram,
      };
    };
    const all = buyers.map((_, index) => index);
    const onSecond = all.filter((index) => index % 3 === 0);
    const onFirst = all.filter((index) => index % 3 !== 0);
    const firstColumns = await ratingColumns(database.db, { productId: product.id, storeId: store.id });
    const secondColumns = await ratingColumns(database.db, { productId: second.id, storeId: store.id });
    expect(firstColumns.product).toEqual(expected(onFirst));
    expect(secondColumns.product).toEqual(expected(onSecond));
    expect(firstColumns.store).toEqual(expected(all));
    expect(await recomputeRatings(database.db, { productId: product.id })).toEqual(firstColumns.product);
    expect(await recomputeRatings(database.db, { storeId: store.id })).toEqual(firstColumns.store);
  });

  it("stays exact under a concurrent mix of new reviews, rating edits, hides and unhides", async () => {
    const { store, product } = await storeWithProduct(database.db);
    const manager = await insertAccount(database.db, "manager");
    const existing = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const { customer, line } = await buyer(product.variantId);
        const review = await createReview(database.db, customer, {
          orderLineId: line.id,
          rating: (index % 5) + 1,
          comment: "",
          ...policy,
        });
        return { customer, review };
      }),
    );
    // Five start hidden, so unhiding them races too.
    for (const { review } of existing.slice(15)) {
      await setReviewHidden(database.db, manager, { id: review.id, hidden: true, reason: "spam?" });
    }
    const newcomers = await Promise.all(Array.from({ length: 5 }, () => buyer(product.variantId)));
    const jobs: ((trx: Kysely<Database>) => Promise<unknown>)[] = [
      ...existing.slice(0, 10).map(
        ({ customer, review }, index) =>
          (trx: Kysely<Database>) =>
            updateReview(trx, customer, { id: review.id, data: { rating: 5 - (index % 5) }, ...policy }),
      ),
      ...existing.slice(10, 15).map(
        ({ review }) =>
          (trx: Kysely<Database>) =>
            setReviewHidden(trx, manager, { id: review.id, hidden: true, reason: "abuse" }),
      ),
      ...existing.slice(15).map(
        ({ review }) =>
          (trx: Kysely<Database>) =>
            setReviewHidden(trx, manager, { id: review.id, hidden: false }),
      ),
      ...newcomers.map(
        ({ customer, line }) =>
          (trx: Kysely<Database>) =>
            createReview(trx, customer, { orderLineId: line.id, rating: 3, comment: "", ...policy }),
      ),
      // The same review edited and hidden at once, and a double submit of one line.
      (trx) =>
        updateReview(trx, existing[12]?.customer ?? manager, {
          id: existing[12]?.review.id ?? "",
          data: { rating: 1 },
          ...policy,
        }),
      (trx) =>
        createReview(trx, newcomers[0]?.customer ?? manager, {
          orderLineId: newcomers[0]?.line.id ?? "",
          rating: 1,
          comment: "",
          ...policy,
        }),
    ];
    const results = await race(pool, jobs);
    expect(results.filter((result) => !result.ok).map((result) => (result.ok ? "" : result.code))).toEqual([
      "CONFLICT",
    ]);

    const columns = await ratingColumns(database.db, { productId: product.id, storeId: store.id });
    const truth = await recomputeRatings(database.db, { productId: product.id });
    expect(columns.product).toEqual(truth);
    expect(columns.store).toEqual(await recomputeRatings(database.db, { storeId: store.id }));
    expect(truth.count).toBe(10 + 5 + 5);
  });
});
