import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCategory, insertProduct, insertStore } from "../../../packages/core/test/support/search-fixtures.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
let categoryId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  const db = api.database.db;
  const open = await insertStore(db, { slug: "toko-lari", name: "Toko Lari" });
  const closed = await insertStore(db, { slug: "toko-tutup", status: "closed" });
  const root = await insertCategory(db, null, "Olahraga");
  const child = await insertCategory(db, root, "Sepatu Lari");
  categoryId = root.id;
  const add = async (key: string, spec: Omit<Parameters<typeof insertProduct>[1], "storeId" | "categoryId">) => {
    ids[key] = (await insertProduct(db, { storeId: open.id, categoryId: child.id, ...spec })).id;
  };
  await add("road", { title: "Sepatu Lari Road Runner", prices: [55_000_000], ratings: [5, 4], soldCount: 40 });
  await add("trail", { title: "Sepatu Lari Trail Hijau", prices: [72_000_000], ratings: [4], soldCount: 12 });
  await add("socks", { title: "Kaos Kaki Lari", prices: [3_500_000], soldCount: 300, inStock: false });
  await add("hidden", { title: "Sepatu Lari Disembunyikan", hidden: true });
  await add("draft", { title: "Sepatu Lari Draf", status: "draft" });
  ids.closed = (
    await insertProduct(db, { storeId: closed.id, categoryId: child.id, title: "Sepatu Lari Toko Tutup" })
  ).id;
});
afterAll(() => api.stop());

const INVISIBLE = () => [ids.hidden, ids.draft, ids.closed];

/** The BAD_REQUEST field messages of a failed call (or the outcome when it did not fail so). */
async function fieldErrorsOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as { code?: string; fieldErrors?: Record<string, string[]> | null };
    return data.code === "BAD_REQUEST" ? (data.fieldErrors ?? {}) : data.code;
  }
}

describe("public.products.list", () => {
  it("lists visible products as cards, filtered and sorted, page by page", async () => {
    const client = api.client();
    const first = await client.public.products.list.query({ categoryId, sort: "price_asc", limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([ids.socks, ids.road]);
    expect(first.items[1]).toMatchObject({
      title: "Sepatu Lari Road Runner",
      minPrice: 55_000_000,
      store: { slug: "toko-lari", name: "Toko Lari" },
      rating: { average: 4.5, count: 2 },
      inStock: true,
    });
    const second = await client.public.products.list.query({
      categoryId,
      sort: "price_asc",
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map((item) => item.id)).toEqual([ids.trail]);
    expect(second.nextCursor).toBeNull();
    const inStock = await client.public.products.list.query({ inStock: true, sort: "best_selling" });
    expect(inStock.items.map((item) => item.id)).toEqual([ids.road, ids.trail]);
    const all = await client.public.products.list.query({ limit: 100 });
    for (const id of INVISIBLE()) expect(all.items.map((item) => item.id)).not.toContain(id);
  });

  it("answers bad input with BAD_REQUEST and field messages", async () => {
    const list = api.client().public.products.list;
    expect(await fieldErrorsOf(list.query({ cursor: "bm9wZQ" }))).toEqual({ cursor: ["The cursor is not valid"] });
    expect(await fieldErrorsOf(list.query({ minPrice: -1 }))).toEqual({ minPrice: ["Price cannot be negative"] });
    expect(await fieldErrorsOf(list.query({ minPrice: 500, maxPrice: 100 }))).toEqual({
      maxPrice: ["Maximum price must not be below the minimum"],
    });
    expect(await fieldErrorsOf(list.query({ sort: "relevance" }))).toEqual({
      sort: ["Sorting by relevance needs a search query"],
    });
    expect(await fieldErrorsOf(list.query({ minRating: 9 }))).toEqual({ minRating: ["Minimum rating is 1 to 5"] });
    const page = await list.query({ sort: "newest", limit: 1 });
    expect(await fieldErrorsOf(list.query({ sort: "rating", cursor: page.nextCursor }))).toEqual({
      cursor: ["The cursor belongs to another sort order"],
    });
  });
});

describe("public.search", () => {
  it("searches with facets, typo tolerance and the web search syntax", async () => {
    const search = api.client().public.search.query;
    const result = await search.query({ q: "sepatu lari" });
    expect(result.items.map((item) => item.id).sort()).toEqual([ids.road, ids.trail].sort());
    expect(result.facets).toMatchObject({
      total: 2,
      categories: [{ name: "Sepatu Lari", count: 2 }],
      stores: [{ slug: "toko-lari", count: 2 }],
      ratings: [
        { minRating: 4, count: 2 },
        { minRating: 3, count: 2 },
        { minRating: 2, count: 2 },
        { minRating: 1, count: 2 },
      ],
    });
    expect((await search.query({ q: "sepatu lari -trail" })).items.map((item) => item.id)).toEqual([ids.road]);
    expect((await search.query({ q: '"trail hijau"' })).items.map((item) => item.id)).toEqual([ids.trail]);
    const typo = await search.query({ q: "sepatu lari trial" });
    expect(typo.fuzzy).toBe(true);
    expect(typo.items[0]?.id).toBe(ids.trail);
    for (const q of ["disembunyikan", "draf", "toko tutup"]) {
      const shown = (await search.query({ q })).items.map((item) => item.id);
      for (const id of INVISIBLE()) expect(shown).not.toContain(id);
    }
  });

  it("rejects bad search input with field messages", async () => {
    const search = api.client().public.search.query;
    expect(await fieldErrorsOf(search.query({ q: "  " }))).toEqual({ q: ["Enter something to search for"] });
    expect(await fieldErrorsOf(search.query({ q: "sepatu", maxPrice: -5 }))).toEqual({
      maxPrice: ["Price cannot be negative"],
    });
    expect(await fieldErrorsOf(search.query({ q: "sepatu", cursor: "%%%" }))).toEqual({
      cursor: ["The cursor is not valid"],
    });
  });

  it("suggests titles for a prefix", async () => {
    const suggest = api.client().public.search.suggest;
    const { items } = await suggest.query({ prefix: "sepatu l" });
    expect(items.map((item) => item.title).sort()).toEqual(["Sepatu Lari Road Runner", "Sepatu Lari Trail Hijau"]);
    expect(await fieldErrorsOf(suggest.query({ prefix: "s" }))).toEqual({ prefix: ["Type at least 2 characters"] });
  });
});
