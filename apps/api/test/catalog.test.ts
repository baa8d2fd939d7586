import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageForm, newCategory, PNG, sellerWithStore, uniqueSlug } from "./support/catalog.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
let categoryId: string;
beforeAll(async () => {
  api = await startTestApi({ UPLOAD_MAX_BYTES: "2048" });
  categoryId = (await newCategory(api)).id;
});
afterAll(() => api.stop());

const basic = (overrides: Record<string, unknown> = {}) => ({
  title: "Kemeja Batik Parang",
  categoryId,
  status: "active" as const,
  variants: [
    { sku: "KB-M", options: { ukuran: "M" }, price: 18_500_000, compareAtPrice: 21_000_000, stock: [{ onHand: 4 }] },
    { sku: "KB-L", options: { ukuran: "L" }, price: 19_500_000, stock: [{ onHand: 0 }] },
  ],
  ...overrides,
});

describe("seller.products", () => {
  it("creates a product and shows it publicly with variants, availability and the store summary", async () => {
    const { client, store } = await sellerWithStore(api);
    const product = await client.seller.products.create.mutate(basic({ tags: ["Batik", "kemeja"] }));
    expect(product).toMatchObject({
      slug: "kemeja-batik-parang",
      minPrice: 18_500_000,
      maxPrice: 19_500_000,
      inStock: true,
    });
    expect(product.tags).toEqual(["batik", "kemeja"]);
    const shown = await api.client().public.products.get.query({ slug: product.slug });
    expect(shown.variants.map((variant) => [variant.sku, variant.available, variant.compareAtPrice])).toEqual([
      ["KB-M", 4, 21_000_000],
      ["KB-L", 0, null],
    ]);
    expect(shown.store).toMatchObject({ slug: store.slug, city: "Bandung", onHoliday: false });
    expect(shown).not.toHaveProperty("storeId");
    expect((await api.client().public.stores.get.query({ slug: store.slug })).productCount).toBe(1);
  });

  it("refuses negative, fractional and absurd prices and unknown categories with field errors", async () => {
    const { client } = await sellerWithStore(api);
    const prices = await client.seller.products.create
      .mutate(
        basic({
          variants: [
            { sku: "A", price: -1 },
            { sku: "B", price: 10.5 },
            { sku: "C", price: 10 ** 13 },
          ],
        }),
      )
      .catch((caught) => caught);
    expect(prices.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(prices.data.fieldErrors).sort()).toEqual([
      "variants.0.price",
      "variants.1.price",
      "variants.2.price",
    ]);
    const category = await client.seller.products.create
      .mutate(basic({ categoryId: "nope" }))
      .catch((caught) => caught);
    expect(category.data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { categoryId: ["Unknown category"] } });
    const stock = await client.seller.products.create
      .mutate(basic({ variants: [{ sku: "A", price: 100, stock: [{ onHand: -3 }] }] }))
      .catch((caught) => caught);
    expect(Object.keys(stock.data.fieldErrors)).toEqual(["variants.0.stock.0.onHand"]);
  });

  it("keeps another seller's products NOT_FOUND, not FORBIDDEN", async () => {
    const owner = await sellerWithStore(api);
    const stranger = await sellerWithStore(api);
    const product = await owner.client.seller.products.create.mutate(basic());
    expect(await codeOf(stranger.client.seller.products.get.query({ id: product.id }))).toBe("NOT_FOUND");
    expect(await codeOf(stranger.client.seller.products.update.mutate({ id: product.id, data: { title: "x" } }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(stranger.client.seller.products.delete.mutate({ id: product.id }))).toBe("NOT_FOUND");
    expect(
      await codeOf(stranger.client.seller.products.uploadImage.mutate(imageForm(PNG, { productId: product.id }))),
    ).toBe("NOT_FOUND");
  });

  it("updates, lists by status, archives and deletes (saying which happened)", async () => {
    const { client } = await sellerWithStore(api);
    const draft = await client.seller.products.create.mutate(basic({ status: "draft", slug: uniqueSlug("draf") }));
    expect(await codeOf(api.client().public.products.get.query({ slug: draft.slug }))).toBe("NOT_FOUND");
    const active = await client.seller.products.update.mutate({
      id: draft.id,
      data: { status: "active", title: "Baru" },
    });
    expect(active).toMatchObject({ status: "active", title: "Baru" });
    expect(active.publishedAt).not.toBeNull();
    const list = await client.seller.products.list.query({ status: "active", limit: 10 });
    expect(list.items.map((item) => item.id)).toEqual([draft.id]);
    expect((await client.seller.products.archive.mutate({ id: draft.id })).status).toBe("archived");
    expect(await client.seller.products.delete.mutate({ id: draft.id })).toEqual({ outcome: "deleted" });
    expect(await codeOf(client.seller.products.get.query({ id: draft.id }))).toBe("NOT_FOUND");
  });

  it("uploads, reorders and deletes images, refusing non-images and oversize files", async () => {
    const { client } = await sellerWithStore(api);
    const product = await client.seller.products.create.mutate(basic({ slug: uniqueSlug("img") }));
    await client.seller.products.uploadImage.mutate(imageForm(PNG, { productId: product.id, alt: "depan" }));
    const second = Uint8Array.from([...PNG, 0]);
    const images = await client.seller.products.uploadImage.mutate(
      imageForm(second, { productId: product.id, alt: "belakang" }),
    );
    expect(images.map((image) => image.alt)).toEqual(["depan", "belakang"]);
    const reordered = await client.seller.products.reorderImages.mutate({
      productId: product.id,
      imageIds: images.map((image) => image.id).reverse(),
    });
    expect(reordered.map((image) => image.alt)).toEqual(["belakang", "depan"]);
    const shown = await api.client().public.products.get.query({ slug: product.slug });
    expect(shown.images.map((image) => image.alt)).toEqual(["belakang", "depan"]);
    const rest = await client.seller.products.deleteImage.mutate({
      productId: product.id,
      imageId: reordered[0]?.id ?? "",
    });
    expect(rest.map((image) => [image.alt, image.position])).toEqual([["depan", 0]]);
    const notImage = client.seller.products.uploadImage.mutate(
      imageForm(new Uint8Array([1, 2, 3]), { productId: product.id }),
    );
    expect(await codeOf(notImage)).toBe("UNSUPPORTED_MEDIA_TYPE");
    const big = client.seller.products.uploadImage.mutate(
      imageForm(Uint8Array.from([...PNG, ...new Uint8Array(4096)]), { productId: product.id }),
    );
    expect(await codeOf(big)).toBe("PAYLOAD_TOO_LARGE");
  });

  it("manages variants and bulk prices, all-or-nothing", async () => {
    const { client } = await sellerWithStore(api);
    const product = await client.seller.products.create.mutate(basic({ slug: uniqueSlug("var") }));
    const withXl = await client.seller.products.addVariant.mutate({
      productId: product.id,
      data: { sku: "KB-XL", options: { ukuran: "XL" }, price: 20_500_000, stock: [{ onHand: 2 }] },
    });
    expect(withXl.maxPrice).toBe(20_500_000);
    const [m, l, xl] = withXl.variants;
    const refused = await client.seller.products.bulkUpdatePrices
      .mutate({
        rows: [
          { variantId: m?.id ?? "", price: 17_000_000 },
          { variantId: "not-mine", price: 1 },
        ],
      })
      .catch((caught) => caught);
    expect(refused.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "rows.1.variantId": ["Variant not found"] },
    });
    expect((await client.seller.products.get.query({ id: product.id })).minPrice).toBe(18_500_000);
    await client.seller.products.bulkUpdatePrices.mutate({
      rows: [
        { variantId: m?.id ?? "", price: 17_000_000 },
        { variantId: l?.id ?? "", price: 17_500_000 },
      ],
    });
    const archived = await client.seller.products.archiveVariant.mutate({ id: xl?.id ?? "" });
    expect(archived).toMatchObject({ minPrice: 17_000_000, maxPrice: 17_500_000 });
    const updated = await client.seller.products.updateVariant.mutate({ id: l?.id ?? "", data: { title: "Large" } });
    expect(updated.variants.find((variant) => variant.id === l?.id)?.title).toBe("Large");
  });
});

describe("manager moderation", () => {
  it("hides and unhides a product with a reason, audited for admins", async () => {
    const { client } = await sellerWithStore(api);
    const product = await client.seller.products.create.mutate(basic({ slug: uniqueSlug("mod") }));
    const manager = api.client((await api.userWithRole("manager")).token);
    expect(await codeOf(manager.manager.products.hide.mutate({ id: product.id, reason: "" }))).toBe("BAD_REQUEST");
    const hidden = await manager.manager.products.hide.mutate({ id: product.id, reason: "Barang palsu" });
    expect(hidden).toMatchObject({ hidden: true, hiddenReason: "Barang palsu" });
    expect(await codeOf(api.client().public.products.get.query({ slug: product.slug }))).toBe("NOT_FOUND");
    expect((await client.seller.products.get.query({ id: product.id })).hiddenReason).toBe("Barang palsu");
    await manager.manager.products.unhide.mutate({ id: product.id, reason: "Sudah diverifikasi" });
    expect((await api.client().public.products.get.query({ slug: product.slug })).id).toBe(product.id);
    const admin = api.client((await api.userWithRole("admin")).token);
    const audit = await admin.admin.audit.list.query({ targetType: "product", targetId: product.id });
    expect(audit.map((entry) => entry.action)).toEqual(["product.unhidden", "product.hidden"]);
    expect(await codeOf(client.manager.products.hide.mutate({ id: product.id, reason: "mine" }))).toBe("FORBIDDEN");
  });
});

describe("categories", () => {
  it("lets managers build and move the tree, and anyone read it", async () => {
    const manager = api.client((await api.userWithRole("manager")).token);
    const root = await manager.manager.categories.create.mutate({ name: "Elektronik", slug: uniqueSlug("elektronik") });
    const child = await manager.manager.categories.create.mutate({
      name: "Audio",
      slug: uniqueSlug("audio"),
      parentId: root.id,
    });
    const other = await manager.manager.categories.create.mutate({ name: "Gadget", slug: uniqueSlug("gadget") });
    const moved = await manager.manager.categories.move.mutate({ id: child.id, parentId: other.id });
    expect(moved.path).toEqual([other.id, child.id]);
    const loop = await manager.manager.categories.move
      .mutate({ id: other.id, parentId: child.id })
      .catch((caught) => caught);
    expect(loop.data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { parentId: expect.any(Array) } });
    expect(await codeOf(manager.manager.categories.delete.mutate({ id: other.id }))).toBe("CONFLICT");
    const { items } = await api.client().public.categories.list.query();
    expect(items.find((item) => item.id === child.id)).toMatchObject({ parentId: other.id, depth: 1 });
    const seller = api.client((await api.userWithRole("seller")).token);
    expect(await codeOf(seller.manager.categories.create.mutate({ name: "x", slug: uniqueSlug("x") }))).toBe(
      "FORBIDDEN",
    );
  });
});
