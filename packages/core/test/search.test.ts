import type { ListProductsInput, ProductCard, SearchProductsInput } from "@niaga/contracts";
import { listProductsInputSchema, searchProductsInputSchema } from "@niaga/contracts";
import { listProducts, searchProducts, suggestProducts } from "@niaga/core/search/search.service";
import type { Database } from "@niaga/db";
import { createDb } from "@niaga/db";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { Kysely, PostgresDialect } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCategory, insertProduct, insertStore } from "./support/search-fixtures.ts";

let database: TestDatabase;
const ids: Record<string, string> = {};
const cats: Record<string, { id: string; path: string }> = {};
let storeA: { id: string; slug: string };
let storeB: { id: string; slug: string };

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const list = (input: Partial<ListProductsInput> = {}) =>
  listProducts(database.db, listProductsInputSchema.parse(input));
const search = (input: Partial<SearchProductsInput> & { q: string }) =>
  searchProducts(database.db, searchProductsInputSchema.parse(input));

async function caught(promise: Promise<unknown>) {
  return promise.then(
    () => ({ code: "OK" }) as { code?: string; fields?: Record<string, string[]> },
    (error: { code?: string; fields?: Record<string, string[]> }) => error,
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  storeA = await insertStore(db, { slug: "toko-atlet", name: "Toko Atlet" });
  storeB = await insertStore(db, { slug: "toko-libur", name: "Toko Libur", status: "holiday" });
  const closed = await insertStore(db, { slug: "toko-tutup", status: "closed" });
  cats.fashion = await insertCategory(db, null, "Fashion");
  cats.sepatu = await insertCategory(db, cats.fashion, "Sepatu");
  cats.lari = await insertCategory(db, cats.sepatu, "Sepatu Lari");
  cats.elektronik = await insertCategory(db, null, "Elektronik");
  const p = (key: string, spec: Parameters<typeof insertProduct>[1]) =>
    insertProduct(db, spec).then((row) => {
      ids[key] = row.id;
    });
  await p("runMen", {
    storeId: storeA.id,
    categoryId: cats.lari.id,
    title: "Sepatu Lari Pria Hitam",
    prices: [45_000_000, 47_500_000],
    compareAtPrice: 60_000_000,
    ratings: [5, 5, 4],
    soldCount: 120,
    publishedAt: minutesAgo(60),
    imageUrls: ["https://img.test/first.webp", "https://img.test/second.webp"],
  });
  await p("runWomen", {
    storeId: storeB.id,
    categoryId: cats.lari.id,
    title: "Sepatu Lari Wanita Pink",
    prices: [38_000_000],
    ratings: [4, 3],
    soldCount: 80,
    publishedAt: minutesAgo(50),
  });
  await p("formal", {
    storeId: storeA.id,
    categoryId: cats.sepatu.id,
    title: "Sepatu Kulit Formal",
    prices: [80_000_000],
    ratings: [3],
    soldCount: 10,
    inStock: false,
    publishedAt: minutesAgo(40),
  });
  await p("tee", {
    storeId: storeA.id,
    categoryId: cats.fashion.id,
    title: "Kaos Polos Hitam",
    description: "Nyaman untuk lari pagi",
    prices: [5_000_000],
    soldCount: 500,
    publishedAt: minutesAgo(30),
  });
  await p("bag", {
    storeId: storeB.id,
    categoryId: cats.fashion.id,
    title: "Tas Ransel Sporty",
    tags: ["lari", "gym"],
    prices: [25_000_000],
    ratings: [5],
    soldCount: 30,
    publishedAt: minutesAgo(20),
  });
  await p("phones", {
    storeId: storeB.id,
    categoryId: cats.elektronik.id,
    title: "Headphone Bluetooth Wireless",
    prices: [150_000_000],
    ratings: [5, 4],
    soldCount: 30,
    publishedAt: minutesAgo(10),
  });
  // Never visible: hidden, draft, archived, a closed store's.
  const invisible = { categoryId: cats.lari.id, prices: [40_000_000], ratings: [5], soldCount: 999 };
  await p("hidden", { ...invisible, storeId: storeA.id, title: "Sepatu Lari Tersembunyi", hidden: true });
  await p("draft", { ...invisible, storeId: storeA.id, title: "Sepatu Lari Draft", status: "draft" });
  await p("archived", { ...invisible, storeId: storeA.id, title: "Sepatu Lari Arsip", status: "archived" });
  await p("closed", { ...invisible, storeId: closed.id, title: "Sepatu Lari Toko Tutup" });
});
afterAll(() => database.drop());

const VISIBLE = ["runMen", "runWomen", "formal", "tee", "bag", "phones"];
const INVISIBLE = ["hidden", "draft", "archived", "closed"];
const idsOf = (items: ProductCard[]) => items.map((item) => item.id);
const keysOf = (items: ProductCard[]) => items.map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0]);

describe("browse list", () => {
  it("lists visible products newest first, as cards", async () => {
    const page = await list();
    expect(keysOf(page.items)).toEqual(["phones", "bag", "tee", "formal", "runWomen", "runMen"]);
    expect(page.nextCursor).toBeNull();
    expect(page.items.find((item) => item.id === ids.runMen)).toEqual({
      id: ids.runMen,
      slug: expect.stringMatching(/^sepatu-lari-pria-hitam-/),
      title: "Sepatu Lari Pria Hitam",
      minPrice: 45_000_000,
      compareAtPrice: 60_000_000,
      imageUrl: "https://img.test/first.webp",
      store: { name: "Toko Atlet", slug: "toko-atlet" },
      rating: { average: 4.67, count: 3 },
      inStock: true,
    });
    expect(page.items.find((item) => item.id === ids.tee)).toMatchObject({
      compareAtPrice: null,
      imageUrl: null,
      rating: { average: null, count: 0 },
    });
  });

  it("filters by category subtree, store (slug or id), price range, stock and rating", async () => {
    const keys = async (input: Partial<ListProductsInput>) => keysOf((await list(input)).items).sort();
    expect(await keys({ categoryId: cats.fashion?.id })).toEqual(["bag", "formal", "runMen", "runWomen", "tee"]);
    expect(await keys({ categoryId: cats.sepatu?.id })).toEqual(["formal", "runMen", "runWomen"]);
    expect(await keys({ categoryId: cats.lari?.id })).toEqual(["runMen", "runWomen"]);
    expect(await keys({ categoryId: "no-such-category" })).toEqual([]);
    expect(await keys({ store: "toko-atlet" })).toEqual(["formal", "runMen", "tee"]);
    expect(await keys({ store: storeB.id })).toEqual(["bag", "phones", "runWomen"]);
    expect(await keys({ minPrice: 25_000_000, maxPrice: 45_000_000 })).toEqual(["bag", "runMen", "runWomen"]);
    expect(await keys({ maxPrice: 5_000_000 })).toEqual(["tee"]);
    expect(await keys({ inStock: true, categoryId: cats.sepatu?.id })).toEqual(["runMen", "runWomen"]);
    expect(await keys({ minRating: 4 })).toEqual(["bag", "phones", "runMen"]);
    expect(await keys({ minRating: 3.5, store: storeB.slug })).toEqual(["bag", "phones", "runWomen"]);
  });

  it("sorts by price both ways, rating (unrated last), best-selling and newest", async () => {
    const order = async (sort: ListProductsInput["sort"]) => keysOf((await list({ sort })).items);
    expect(await order("price_asc")).toEqual(["tee", "bag", "runWomen", "runMen", "formal", "phones"]);
    expect(await order("price_desc")).toEqual(["phones", "formal", "runMen", "runWomen", "bag", "tee"]);
    expect(await order("rating")).toEqual(["bag", "runMen", "phones", "runWomen", "formal", "tee"]);
    expect(await order("best_selling")).toEqual([
      "tee",
      "runMen",
      "runWomen",
      expect.any(String),
      expect.any(String),
      "formal",
    ]);
    expect(await order("newest")).toEqual(["phones", "bag", "tee", "formal", "runWomen", "runMen"]);
  });

  it("never shows hidden, draft, archived or closed-store products, whatever the filter", async () => {
    for (const input of [{}, { sort: "best_selling" as const }, { categoryId: cats.lari?.id }, { minRating: 5 }]) {
      const shown = idsOf((await list({ ...input, limit: 100 })).items);
      for (const key of INVISIBLE) expect(shown).not.toContain(ids[key]);
    }
  });
});

describe("pagination", () => {
  const sorts = ["newest", "price_asc", "price_desc", "rating", "best_selling"] as const;

  it("walks every sort page by page without duplicates or gaps", async () => {
    for (const sort of sorts) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list({ sort, limit: 2, cursor });
        seen.push(...idsOf(page.items));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(idsOf((await list({ sort, limit: 100 })).items));
      expect(seen.length).toBe(VISIBLE.length);
    }
  });

  it("stays stable while products are inserted between pages", async () => {
    const db = database.db;
    const category = await insertCategory(db, null, "Stabil");
    const prices = [1, 2, 3, 3, 3, 4, 5, 6, 7, 8].map((price) => price * 1_000_000);
    const original = new Set<string>();
    for (const price of prices) {
      original.add(
        (
          await insertProduct(db, {
            storeId: storeA.id,
            categoryId: category.id,
            title: "Stabil",
            prices: [price],
            soldCount: price % 3,
          })
        ).id,
      );
    }
    for (const sort of sorts) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list({ sort, limit: 3, cursor, categoryId: category.id });
        seen.push(...idsOf(page.items));
        cursor = page.nextCursor;
        // New rows land before, inside and after the walk's position.
        await insertProduct(db, {
          storeId: storeA.id,
          categoryId: category.id,
          title: "Baru",
          prices: [3_000_000],
          soldCount: 1,
        });
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(seen.length);
      for (const id of original) expect(seen, sort).toContain(id);
    }
  });

  it("refuses a tampered cursor, a cursor of another sort and relevance without a query", async () => {
    const first = await list({ sort: "price_asc", limit: 1 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const garbage = await caught(list({ sort: "price_asc", cursor: "not-a-cursor" }));
    expect(garbage).toMatchObject({ code: "INVALID", fields: { cursor: expect.any(Array) } });
    const wire = JSON.parse(Buffer.from(first.nextCursor ?? "", "base64url").toString("utf8"));
    const edited = Buffer.from(JSON.stringify({ ...wire, k: "1; drop table products" })).toString("base64url");
    expect(await caught(list({ sort: "price_asc", cursor: edited }))).toMatchObject({ code: "INVALID" });
    expect(await caught(list({ sort: "newest", cursor: first.nextCursor }))).toMatchObject({ code: "INVALID" });
    expect(listProductsInputSchema.safeParse({ sort: "relevance" }).success).toBe(false);
  });
});

describe("search", () => {
  it("ranks title matches above tag and description matches", async () => {
    const result = await search({ q: "lari" });
    const keys = keysOf(result.items);
    expect(keys.slice(0, 2).sort()).toEqual(["runMen", "runWomen"]);
    expect(keys.slice(2)).toEqual(["bag", "tee"]);
    // Four exact hits is "few": typo matches may be blended in, but always below them.
    expect(result.fuzzy).toBe(true);
  });

  it("supports quotes and minus", async () => {
    expect(keysOf((await search({ q: '"lari pria"' })).items)).toEqual(["runMen"]);
    expect(keysOf((await search({ q: "sepatu -wanita" })).items).sort()).toEqual(["formal", "runMen"]);
    expect(keysOf((await search({ q: '"pria lari"' })).items)).toEqual([]);
  });

  it("finds the right product despite a typo", async () => {
    const result = await search({ q: "sepatu lri" });
    expect(result.fuzzy).toBe(true);
    expect(keysOf(result.items).slice(0, 2).sort()).toEqual(["runMen", "runWomen"]);
    expect(keysOf((await search({ q: "hedphone bluetoth" })).items)[0]).toBe("phones");
  });

  it("applies the filters and sorts, and pages through the same result set", async () => {
    const cheap = await search({ q: "sepatu", sort: "price_asc" });
    expect(keysOf(cheap.items)).toEqual(["runWomen", "runMen", "formal"]);
    expect(keysOf((await search({ q: "sepatu", store: "toko-atlet", inStock: true })).items)).toEqual(["runMen"]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search({ q: "sepatu lari hitam", limit: 1, cursor });
      seen.push(...idsOf(page.items));
      if (cursor) expect(page.facets).toBeNull();
      cursor = page.nextCursor;
    } while (cursor);
    const all = await search({ q: "sepatu lari hitam", limit: 100 });
    expect(seen).toEqual(idsOf(all.items));
  });

  it("counts facets over exactly the result set", async () => {
    const result = await search({ q: "lari", limit: 100 });
    const facets = result.facets;
    if (!facets) throw new Error("facets expected on the first page");
    expect(facets.total).toBe(result.items.length);
    const sum = (buckets: { count: number }[]) => buckets.reduce((total, bucket) => total + bucket.count, 0);
    expect(sum(facets.categories)).toBe(facets.total);
    expect(sum(facets.stores)).toBe(facets.total);
    expect(sum(facets.prices)).toBe(facets.total);
    expect(facets.categories).toEqual([
      { id: cats.fashion?.id, name: "Fashion", slug: expect.any(String), count: 2 },
      { id: cats.lari?.id, name: "Sepatu Lari", slug: expect.any(String), count: 2 },
    ]);
    expect(facets.stores.map((bucket) => [bucket.slug, bucket.count])).toEqual([
      ["toko-atlet", 2],
      ["toko-libur", 2],
    ]);
    const bucket = (min: number) => facets.prices.find((price) => price.min === min)?.count;
    expect([bucket(5_000_000), bucket(10_000_000), bucket(25_000_000)]).toEqual([1, 0, 3]);
    expect(facets.ratings).toEqual([
      { minRating: 4, count: 2 },
      { minRating: 3, count: 3 },
      { minRating: 2, count: 3 },
      { minRating: 1, count: 3 },
    ]);
    const filtered = await search({ q: "lari", minRating: 4 });
    expect(filtered.facets?.total).toBe(2);
  });

  it("never returns invisible products, even by typo or exact title", async () => {
    for (const q of ["Sepatu Lari Tersembunyi", "sepatu lari draft", "tersembunyi", "arsip", "tutup", "tersembunyl"]) {
      const shown = idsOf((await search({ q, limit: 100 })).items);
      for (const key of INVISIBLE) expect(shown, q).not.toContain(ids[key]);
    }
  });

  it("list with q searches without facets", async () => {
    const page = await list({ q: "lari", sort: "price_desc" });
    expect(keysOf(page.items)).toEqual(["runMen", "runWomen", "bag", "tee"]);
    expect(page).not.toHaveProperty("facets");
  });
});

describe("identical searches at once", () => {
  /** A second Kysely over the test pool that records every full-text statement it sends. */
  function countingDb() {
    const statements: string[] = [];
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: database.pool }),
      log: (event) => {
        if (event.level === "query" && event.query.sql.includes("websearch_to_tsquery"))
          statements.push(event.query.sql);
      },
    });
    return { db, statements };
  }
  const input = (q: string) => searchProductsInputSchema.parse({ q });

  it("share one query while it runs, and keep nothing once it has answered", async () => {
    const { db, statements } = countingDb();
    const answers = await Promise.all(Array.from({ length: 6 }, () => searchProducts(db, input("sepatu lari"))));
    expect(statements).toHaveLength(1);
    expect(keysOf(answers[0]?.items ?? []).sort()).toEqual(["runMen", "runWomen"]);
    for (const answer of answers) expect(answer).toEqual(answers[0]);

    await searchProducts(db, input("sepatu lari"));
    await searchProducts(db, input("sepatu lari"));
    expect(statements).toHaveLength(3);
  });

  it("run separately when they differ, and in a transaction", async () => {
    const { db, statements } = countingDb();
    const [lari, tas] = await Promise.all([
      searchProducts(db, input("lari")),
      searchProducts(db, input("tas")),
      listProducts(db, listProductsInputSchema.parse({ q: "lari" })),
    ]);
    expect(statements).toHaveLength(3);
    expect(keysOf(lari.items)).not.toEqual(keysOf(tas.items));

    await db
      .transaction()
      .execute((trx) => Promise.all([searchProducts(trx, input("lari")), searchProducts(trx, input("lari"))]));
    expect(statements).toHaveLength(5);
  });

  it("all receive the error when the shared query fails, and the next call runs afresh", async () => {
    // Nothing listens on port 1: every statement fails to connect.
    const unreachable = createDb({ connectionString: "postgres://nobody@127.0.0.1:1/none", max: 1 });
    try {
      const [first, second] = await Promise.all([
        caught(searchProducts(unreachable.db, input("lari"))),
        caught(searchProducts(unreachable.db, input("lari"))),
      ]);
      expect(first).toBeInstanceOf(Error);
      expect(second).toBe(first);
      const again = await caught(searchProducts(unreachable.db, input("lari")));
      expect(again).toBeInstanceOf(Error);
      expect(again).not.toBe(first);
    } finally {
      await unreachable.close();
    }
  });
});

describe("suggest", () => {
  it("suggests visible titles, those starting with the prefix first", async () => {
    const { items } = await suggestProducts(database.db, { prefix: "sepatu", limit: 10 });
    expect(items.map((item) => item.title).sort()).toEqual([
      "Sepatu Kulit Formal",
      "Sepatu Lari Pria Hitam",
      "Sepatu Lari Wanita Pink",
    ]);
    const { items: inside } = await suggestProducts(database.db, { prefix: "hitam", limit: 10 });
    expect(inside.map((item) => item.title).sort()).toEqual(["Kaos Polos Hitam", "Sepatu Lari Pria Hitam"]);
    expect((await suggestProducts(database.db, { prefix: "100%", limit: 10 })).items).toEqual([]);
  });
});
