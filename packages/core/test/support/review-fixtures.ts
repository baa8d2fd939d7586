import type { Role } from "@niaga/contracts";
import type { Db } from "@niaga/core/shared/db";
import { newId } from "@niaga/core/shared/ids";
import type { Actor } from "@niaga/core/users/users.service";

// Rows written straight with Kysely, so reviews and follows tests depend on the schema only, not on
// the stores and catalog services being built alongside them.

export async function insertAccount(db: Db, role: Role = "customer", name = `Test ${role}`): Promise<Actor> {
  const id = newId();
  const now = new Date();
  await db
    .insertInto("user")
    .values({
      id,
      name,
      email: `${role}-${id}@example.com`,
      emailVerified: true,
      image: null,
      createdAt: now,
      updatedAt: now,
      role,
      banned: false,
      banReason: null,
      banExpires: null,
      phone: null,
      accountType: null,
    })
    .execute();
  return { userId: id, role, requestId: null };
}

export async function insertStore(
  db: Db,
  params: { ownerId?: string; status?: "open" | "holiday" | "closed" } = {},
): Promise<{ id: string; slug: string; ownerId: string }> {
  const ownerId = params.ownerId ?? (await insertAccount(db, "seller")).userId;
  const id = newId();
  const slug = `toko-${id.slice(0, 12)}`;
  await db
    .insertInto("stores")
    .values({ id, owner_id: ownerId, name: "Toko Ulasan", slug, status: params.status ?? "open", city: "Bandung" })
    .execute();
  return { id, slug, ownerId };
}

let categoryId: string | null = null;
async function aCategory(db: Db): Promise<string> {
  if (categoryId) {
    const exists = await db.selectFrom("categories").select("id").where("id", "=", categoryId).executeTakeFirst();
    if (exists) return categoryId;
  }
  const id = newId();
  await db
    .insertInto("categories")
    .values({ id, name: "Ulasan", slug: `kat-${id.slice(0, 12)}`, path: `c_${id}`, parent_id: null })
    .execute();
  categoryId = id;
  return id;
}

/** An active product with one variant in `storeId`. */
export async function insertProduct(
  db: Db,
  params: {
    storeId: string;
    status?: "draft" | "active" | "archived";
    hidden?: boolean;
    publishedAt?: Date | null;
    title?: string;
  },
): Promise<{ id: string; slug: string; variantId: string; storeId: string }> {
  const id = newId();
  const slug = `produk-${id.slice(0, 12)}`;
  const status = params.status ?? "active";
  await db
    .insertInto("products")
    .values({
      id,
      store_id: params.storeId,
      category_id: await aCategory(db),
      title: params.title ?? "Kopi Gayo 250 g",
      slug,
      metadata: "{}",
      status,
      min_price: 85_000,
      max_price: 85_000,
      in_stock: true,
      hidden_at: params.hidden ? new Date() : null,
      hidden_reason: params.hidden ? "test" : null,
      published_at: params.publishedAt !== undefined ? params.publishedAt : status === "active" ? new Date() : null,
    })
    .execute();
  const variantId = newId();
  await db
    .insertInto("variants")
    .values({ id: variantId, product_id: id, sku: "KG-250", title: "250 g", options: "{}", price: 85_000 })
    .execute();
  return { id, slug, variantId, storeId: params.storeId };
}

/** A store with one active product: what most review tests start from. */
export async function storeWithProduct(db: Db) {
  const store = await insertStore(db);
  const product = await insertProduct(db, { storeId: store.id });
  return { store, product };
}

/** The aggregate columns of a product and its store, for exact comparisons. */
export async function ratingColumns(db: Db, params: { productId: string; storeId: string }) {
  const product = await db
    .selectFrom("products")
    .select(["rating_count as count", "rating_sum as sum", "rating_histogram as histogram"])
    .where("id", "=", params.productId)
    .executeTakeFirstOrThrow();
  const store = await db
    .selectFrom("stores")
    .select(["rating_count as count", "rating_sum as sum", "rating_histogram as histogram"])
    .where("id", "=", params.storeId)
    .executeTakeFirstOrThrow();
  return { product, store };
}
