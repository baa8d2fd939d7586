import type { CreateProductInput, Role } from "@niaga/contracts";
import { createProductInputSchema } from "@niaga/contracts";
import { createProduct } from "@niaga/core/catalog/products.create";
import { createCategory } from "@niaga/core/categories/categories.service";
import type { Db } from "@niaga/core/shared/db";
import { newId } from "@niaga/core/shared/ids";
import { createStore } from "@niaga/core/stores/stores.service";
import type { Actor } from "@niaga/core/users/users.service";

/** Inserts an account row directly (no password): enough for domain tests that need a user id. */
export async function insertUser(db: Db, role: Role = "seller"): Promise<Actor> {
  const id = newId();
  const now = new Date();
  await db
    .insertInto("user")
    .values({
      id,
      name: `Test ${role}`,
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

/** A seller with a store (and its default location). */
export async function sellerWithStore(db: Db, overrides: { slug?: string } = {}) {
  const seller = await insertUser(db, "seller");
  const store = await createStore(db, seller, {
    name: "Toko Uji",
    slug: overrides.slug ?? `toko-${newId(8)}`,
    description: "",
    contact: {},
    address: { line: "Jl. Merdeka 1", city: "Bandung", postalCode: "40111", region: "Jawa Barat" },
  });
  const location = await db
    .selectFrom("stock_locations")
    .select("id")
    .where("store_id", "=", store.id)
    .where("is_default", "=", true)
    .executeTakeFirstOrThrow();
  return { seller, store, defaultLocationId: location.id };
}

export async function someCategory(db: Db, parentId: string | null = null) {
  const admin = await insertUser(db, "admin");
  return createCategory(db, admin, { name: "Kategori", slug: `kat-${newId(8)}`, parentId });
}

/** A product built from the schema's defaults plus overrides (parsed, so defaults apply). */
export async function productFor(
  db: Db,
  seller: Actor,
  categoryId: string,
  overrides: Partial<Record<keyof CreateProductInput, unknown>> = {},
) {
  const input = createProductInputSchema.parse({
    title: "Kaos Polos Hitam",
    categoryId,
    status: "active",
    variants: [{ sku: "KP-M", options: { size: "M" }, price: 5_000_000, stock: [{ onHand: 10 }] }],
    ...overrides,
  });
  return createProduct(db, seller, input);
}
