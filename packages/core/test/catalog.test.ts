import { createProductInputSchema } from "@niaga/contracts";
import { seedDemoCatalog } from "@niaga/core/catalog/demo-seed";
import { deleteProductImage, reorderProductImages, uploadProductImage } from "@niaga/core/catalog/images.service";
import { setProductHidden } from "@niaga/core/catalog/moderation.service";
import { getSellerProduct, listSellerProducts } from "@niaga/core/catalog/products.read";
import { archiveProduct, deleteProduct, updateProduct } from "@niaga/core/catalog/products.service";
import { getPublicProduct } from "@niaga/core/catalog/public-product";
import { addVariant, archiveVariant, bulkUpdatePrices, updateVariant } from "@niaga/core/catalog/variants.service";
import { getMyStore, updateStore } from "@niaga/core/stores/stores.service";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, productFor, sellerWithStore, someCategory } from "./support/catalog-fixtures.ts";
import { memoryStorage, pngBytes } from "./support/memory-storage.ts";

let database: TestDatabase;
let categoryId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  categoryId = (await someCategory(database.db)).id;
});
afterAll(() => database.drop());

const variant = (sku: string, price: number, onHand = 0, extra: Record<string, unknown> = {}) => ({
  sku,
  price,
  stock: onHand ? [{ onHand }] : [],
  ...extra,
});

async function caught(promise: Promise<unknown>) {
  return promise.then(
    () => ({ code: "OK" }) as { code?: string; fields?: Record<string, string[]> },
    (error: { code?: string; fields?: Record<string, string[]> }) => error,
  );
}

describe("creating products", () => {
  it("derives a unique slug from the title and keeps the denormalised columns right", async () => {
    const { seller, store } = await sellerWithStore(database.db);
    const first = await productFor(database.db, seller, categoryId, {
      title: "Kaos Polos Katun Combed 30s",
      variants: [variant("A", 7_900_000, 3), variant("B", 8_900_000), variant("C", 6_900_000, 0)],
    });
    expect(first.slug).toBe("kaos-polos-katun-combed-30s");
    expect(first).toMatchObject({ minPrice: 6_900_000, maxPrice: 8_900_000, inStock: true, status: "active" });
    expect(first.publishedAt).toBeInstanceOf(Date);
    const second = await productFor(database.db, seller, categoryId, { title: "Kaos Polos Katun Combed 30s" });
    expect(second.slug).toMatch(/^kaos-polos-katun-combed-30s-[a-z0-9]{6}$/);
    const draft = await productFor(database.db, seller, categoryId, { status: "draft" });
    expect(draft.publishedAt).toBeNull();
    expect((await getMyStore(database.db, seller)).productCount).toBe(2);
    const journal = await database.db
      .selectFrom("inventory_journal")
      .selectAll()
      .where("variant_id", "=", first.variants[0]?.id ?? "")
      .execute();
    expect(journal).toMatchObject([{ reason: "initial", on_hand_delta: 3, on_hand_after: 3, actor_id: seller.userId }]);
    expect(store.id).toBe(first.storeId);
  });

  it("refuses a taken explicit slug, an unknown category and duplicate SKUs with field errors", async () => {
    const { seller } = await sellerWithStore(database.db);
    await productFor(database.db, seller, categoryId, { slug: "dipakai" });
    expect(await caught(productFor(database.db, seller, categoryId, { slug: "dipakai" }))).toMatchObject({
      code: "CONFLICT",
      fields: { slug: ["This slug is already in use"] },
    });
    expect(await caught(productFor(database.db, seller, "no-such-category"))).toMatchObject({
      code: "INVALID",
      fields: { categoryId: ["Unknown category"] },
    });
    expect(
      await caught(productFor(database.db, seller, categoryId, { variants: [variant("X", 100), variant("X", 200)] })),
    ).toMatchObject({ code: "INVALID", fields: { "variants.1.sku": ["This SKU is used twice"] } });
    const { defaultLocationId: strangerLocation } = await sellerWithStore(database.db);
    expect(
      await caught(
        productFor(database.db, seller, categoryId, {
          variants: [{ sku: "Y", price: 100, stock: [{ locationId: strangerLocation, onHand: 1 }] }],
        }),
      ),
    ).toMatchObject({ code: "INVALID", fields: { "variants.0.stock.0.locationId": ["Unknown location"] } });
  });

  it("validates prices as integer minor units within bounds", () => {
    const base = { title: "T", categoryId: "c" };
    for (const [price, message] of [
      [-1, "Price cannot be negative"],
      [10.5, "Price is a whole number of minor units"],
      [10 ** 12 + 1, "Price is unrealistically large"],
    ] as const) {
      const result = createProductInputSchema.safeParse({ ...base, variants: [{ sku: "A", price }] });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ["variants", 0, "price"], message });
    }
    const compareAt = createProductInputSchema.safeParse({
      ...base,
      variants: [{ sku: "A", price: 100, compareAtPrice: 50 }],
    });
    expect(compareAt.error?.issues[0]?.path).toEqual(["variants", 0, "compareAtPrice"]);
    const metadata = createProductInputSchema.safeParse({
      ...base,
      metadata: { blob: "x".repeat(5000) },
      variants: [{ sku: "A", price: 100 }],
    });
    expect(metadata.error?.issues[0]?.path).toEqual(["metadata"]);
  });
});

describe("seller product management", () => {
  it("keeps another seller's products NOT_FOUND everywhere", async () => {
    const { seller: owner } = await sellerWithStore(database.db);
    const { seller: stranger } = await sellerWithStore(database.db);
    const product = await productFor(database.db, owner, categoryId);
    const variantId = product.variants[0]?.id ?? "";
    const attempts: (() => Promise<unknown>)[] = [
      () => getSellerProduct(database.db, stranger, { id: product.id }),
      () => updateProduct(database.db, stranger, { id: product.id, data: { title: "Mine" } }),
      () => archiveProduct(database.db, stranger, { id: product.id }),
      () => deleteProduct(database.db, memoryStorage(), stranger, { id: product.id }),
      () => updateVariant(database.db, stranger, { id: variantId, data: { price: 1 } }),
      () => archiveVariant(database.db, stranger, { id: variantId }),
      () =>
        addVariant(database.db, stranger, {
          productId: product.id,
          data: createProductInputSchema.shape.variants.element.parse(variant("Z", 1)),
        }),
      () => reorderProductImages(database.db, stranger, { productId: product.id, imageIds: ["x"] }),
    ];
    for (const attempt of attempts) expect((await caught(attempt())).code).toBe("NOT_FOUND");
    const bulk = await caught(bulkUpdatePrices(database.db, stranger, { rows: [{ variantId, price: 1 }] }));
    expect(bulk).toMatchObject({ code: "INVALID", fields: { "rows.0.variantId": ["Variant not found"] } });
  });

  it("updates fields and status, keeping published_at and the store's product count right", async () => {
    const { seller } = await sellerWithStore(database.db);
    const product = await productFor(database.db, seller, categoryId, { status: "draft" });
    const active = await updateProduct(database.db, seller, {
      id: product.id,
      data: { status: "active", tags: ["baru"] },
    });
    expect(active.publishedAt).toBeInstanceOf(Date);
    expect((await getMyStore(database.db, seller)).productCount).toBe(1);
    const archived = await archiveProduct(database.db, seller, { id: product.id });
    expect(archived.status).toBe("archived");
    expect((await getMyStore(database.db, seller)).productCount).toBe(0);
    const again = await updateProduct(database.db, seller, { id: product.id, data: { status: "active" } });
    expect(again.publishedAt).toEqual(active.publishedAt);
    expect((await getMyStore(database.db, seller)).productCount).toBe(1);
  });

  it("lists own products newest first with a status filter and a stable cursor", async () => {
    const { seller } = await sellerWithStore(database.db);
    const made = [];
    for (let index = 0; index < 5; index++) {
      made.push(await productFor(database.db, seller, categoryId, { status: index % 2 ? "draft" : "active" }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listSellerProducts(database.db, seller, { limit: 2, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.map((product) => product.id).reverse());
    const drafts = await listSellerProducts(database.db, seller, { limit: 10, status: "draft" });
    expect(drafts.items).toHaveLength(2);
  });

  it("deletes a never-ordered product, archives an ordered one, and says which", async () => {
    const { seller, store } = await sellerWithStore(database.db);
    const storage = memoryStorage();
    const loose = await productFor(database.db, seller, categoryId);
    await uploadProductImage(database.db, storage, seller, {
      productId: loose.id,
      bytes: pngBytes(),
      alt: "",
      maxBytes: 1024,
    });
    expect(storage.files.size).toBe(1);
    expect(await deleteProduct(database.db, storage, seller, { id: loose.id })).toEqual({ outcome: "deleted" });
    expect(storage.files.size).toBe(0);
    const ordered = await productFor(database.db, seller, categoryId);
    const buyer = await insertUser(database.db, "customer");
    await database.db
      .insertInto("order_lines")
      .values({
        id: `ol-${ordered.id}`,
        customer_id: buyer.userId,
        store_id: store.id,
        product_id: ordered.id,
        variant_id: ordered.variants[0]?.id ?? "",
        product_title: ordered.title,
        unit_price: 5_000_000,
        quantity: 1,
      })
      .execute();
    expect(await deleteProduct(database.db, storage, seller, { id: ordered.id })).toEqual({ outcome: "archived" });
    expect((await getSellerProduct(database.db, seller, { id: ordered.id })).status).toBe("archived");
    expect((await getMyStore(database.db, seller)).productCount).toBe(0);
  });
});

describe("variants", () => {
  it("adds, reprices and archives variants with min/max price and in_stock following", async () => {
    const { seller } = await sellerWithStore(database.db);
    const product = await productFor(database.db, seller, categoryId, { variants: [variant("S", 1000, 0)] });
    expect(product).toMatchObject({ minPrice: 1000, maxPrice: 1000, inStock: false });
    const added = await addVariant(database.db, seller, {
      productId: product.id,
      data: createProductInputSchema.shape.variants.element.parse(variant("L", 3000, 4)),
    });
    expect(added).toMatchObject({ minPrice: 1000, maxPrice: 3000, inStock: true });
    const large = added.variants.find((item) => item.sku === "L");
    expect(large?.position).toBe(1);
    const duplicate = await caught(
      addVariant(database.db, seller, {
        productId: product.id,
        data: createProductInputSchema.shape.variants.element.parse(variant("L", 1)),
      }),
    );
    expect(duplicate).toMatchObject({ code: "CONFLICT", fields: { "data.sku": ["SKU already in use"] } });
    const repriced = await updateVariant(database.db, seller, { id: large?.id ?? "", data: { price: 500 } });
    expect(repriced).toMatchObject({ minPrice: 500, maxPrice: 1000 });
    const badCompare = await caught(
      updateVariant(database.db, seller, { id: large?.id ?? "", data: { compareAtPrice: 400 } }),
    );
    expect(badCompare).toMatchObject({ code: "INVALID", fields: { "data.compareAtPrice": expect.any(Array) } });
    const archived = await archiveVariant(database.db, seller, { id: large?.id ?? "" });
    expect(archived).toMatchObject({ minPrice: 1000, maxPrice: 1000, inStock: false });
    const last = await caught(archiveVariant(database.db, seller, { id: product.variants[0]?.id ?? "" }));
    expect(last.code).toBe("CONFLICT");
  });

  it("bulk-updates prices all-or-nothing with per-row errors", async () => {
    const { seller } = await sellerWithStore(database.db);
    const product = await productFor(database.db, seller, categoryId, {
      variants: [variant("A", 1000), variant("B", 2000, 0, { compareAtPrice: 2500 })],
    });
    const [a, b] = product.variants.map((item) => item.id);
    const refused = await caught(
      bulkUpdatePrices(database.db, seller, {
        rows: [
          { variantId: a ?? "", price: 1500 },
          { variantId: b ?? "", price: 3000 },
        ],
      }),
    );
    expect(refused).toMatchObject({ code: "INVALID", fields: { "rows.1.compareAtPrice": expect.any(Array) } });
    expect((await getSellerProduct(database.db, seller, { id: product.id })).minPrice).toBe(1000);
    const result = await bulkUpdatePrices(database.db, seller, {
      rows: [
        { variantId: a ?? "", price: 1500 },
        { variantId: b ?? "", price: 3000, compareAtPrice: null },
      ],
    });
    expect(result).toEqual({ updated: 2 });
    expect(await getSellerProduct(database.db, seller, { id: product.id })).toMatchObject({
      minPrice: 1500,
      maxPrice: 3000,
    });
  });
});

describe("images", () => {
  it("uploads under content-addressed keys, reorders and deletes", async () => {
    const { seller } = await sellerWithStore(database.db);
    const storage = memoryStorage();
    const product = await productFor(database.db, seller, categoryId);
    const upload = (seed: number) =>
      uploadProductImage(database.db, storage, seller, {
        productId: product.id,
        bytes: pngBytes(seed),
        alt: `img ${seed}`,
        maxBytes: 1024,
      });
    await upload(1);
    await upload(2);
    const three = await upload(3);
    expect(three.map((image) => image.alt)).toEqual(["img 1", "img 2", "img 3"]);
    expect([...storage.files.keys()].every((key) => /^products\/[a-z0-9]+\/[0-9a-f]{32}\.png$/.test(key))).toBe(true);
    const reversed = await reorderProductImages(database.db, seller, {
      productId: product.id,
      imageIds: three.map((image) => image.id).reverse(),
    });
    expect(reversed.map((image) => image.alt)).toEqual(["img 3", "img 2", "img 1"]);
    const partial = await caught(
      reorderProductImages(database.db, seller, { productId: product.id, imageIds: [three[0]?.id ?? ""] }),
    );
    expect(partial).toMatchObject({ code: "INVALID", fields: { imageIds: expect.any(Array) } });
    const afterDelete = await deleteProductImage(database.db, storage, seller, {
      productId: product.id,
      imageId: reversed[1]?.id ?? "",
    });
    expect(afterDelete.map((image) => [image.alt, image.position])).toEqual([
      ["img 3", 0],
      ["img 1", 1],
    ]);
    expect(storage.files.size).toBe(2);
    const notImage = await caught(
      uploadProductImage(database.db, storage, seller, {
        productId: product.id,
        bytes: new Uint8Array([1, 2, 3]),
        alt: "",
        maxBytes: 1024,
      }),
    );
    expect(notImage.code).toBe("UNSUPPORTED");
    const tooBig = await caught(
      uploadProductImage(database.db, storage, seller, {
        productId: product.id,
        bytes: pngBytes(),
        alt: "",
        maxBytes: 4,
      }),
    );
    expect(tooBig.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("public product detail and moderation", () => {
  it("shows active products with availability, store summary and rating; hides the rest", async () => {
    const { seller, store, defaultLocationId } = await sellerWithStore(database.db);
    const product = await productFor(database.db, seller, categoryId, {
      variants: [variant("A", 1000, 7), variant("B", 2000, 0, { options: { warna: "Merah" } })],
    });
    await database.db
      .updateTable("inventory_levels")
      .set({ reserved: 2 })
      .where("variant_id", "=", product.variants[0]?.id ?? "")
      .where("location_id", "=", defaultLocationId)
      .execute();
    const shown = await getPublicProduct(database.db, { slug: product.slug });
    expect(shown.variants.map((item) => [item.sku, item.available])).toEqual([
      ["A", 5],
      ["B", 0],
    ]);
    expect(shown.store).toMatchObject({ id: store.id, city: "Bandung", onHoliday: false });
    expect(shown.rating).toEqual({ average: null, count: 0, histogram: [0, 0, 0, 0, 0] });

    await updateStore(database.db, seller, { data: { status: "holiday" } });
    expect((await getPublicProduct(database.db, { slug: product.slug })).store.onHoliday).toBe(true);
    await updateStore(database.db, seller, { data: { status: "closed" } });
    expect((await caught(getPublicProduct(database.db, { slug: product.slug }))).code).toBe("NOT_FOUND");
    await updateStore(database.db, seller, { data: { status: "open" } });

    const draft = await productFor(database.db, seller, categoryId, { status: "draft" });
    expect((await caught(getPublicProduct(database.db, { slug: draft.slug }))).code).toBe("NOT_FOUND");
  });

  it("lets a manager hide and unhide with a reason, audited, and the store count follows", async () => {
    const { seller } = await sellerWithStore(database.db);
    const manager = await insertUser(database.db, "manager");
    const product = await productFor(database.db, seller, categoryId);
    const hidden = await setProductHidden(database.db, manager, {
      id: product.id,
      hidden: true,
      reason: "Counterfeit",
    });
    expect(hidden).toMatchObject({ hidden: true, hiddenReason: "Counterfeit" });
    expect((await caught(getPublicProduct(database.db, { slug: product.slug }))).code).toBe("NOT_FOUND");
    expect((await getMyStore(database.db, seller)).productCount).toBe(0);
    // Hiding twice changes nothing and writes no second audit row.
    await setProductHidden(database.db, manager, { id: product.id, hidden: true, reason: "Again" });
    await setProductHidden(database.db, manager, { id: product.id, hidden: false, reason: "Verified" });
    expect((await getMyStore(database.db, seller)).productCount).toBe(1);
    expect((await getPublicProduct(database.db, { slug: product.slug })).id).toBe(product.id);
    const audit = await database.db
      .selectFrom("audit_log")
      .select(["action", "actor_id", "data"])
      .where("target_id", "=", product.id)
      .orderBy("id")
      .execute();
    expect(audit).toMatchObject([
      { action: "product.hidden", actor_id: manager.userId, data: { reason: "Counterfeit" } },
      { action: "product.unhidden", actor_id: manager.userId, data: { reason: "Verified" } },
    ]);
  });
});

describe("demo catalog seed", () => {
  it("creates categories, a store and 20 active products, idempotently", async () => {
    const seller = await insertUser(database.db, "seller");
    expect(await seedDemoCatalog(database.db, { sellerUserId: seller.userId })).toEqual({ created: 20 });
    expect(await seedDemoCatalog(database.db, { sellerUserId: seller.userId })).toEqual({ created: 0 });
    const store = await getMyStore(database.db, seller);
    expect(store.productCount).toBe(20);
    const detail = await getPublicProduct(database.db, { slug: "kaos-polos-cotton-combed-30s" });
    expect(detail.variants).toHaveLength(4);
    expect(detail.inStock).toBe(true);
  });
});
