import { createHash } from "node:crypto";
import type { CreateStoreInput, PublicStore, SellerStore, UpdateStoreInput } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { isUniqueViolation } from "../shared/pg-errors.ts";
import { assertImage } from "../storage/images.ts";
import type { Storage } from "../storage/storage.ts";
import type { Actor } from "../users/users.service.ts";
import type { StoreRow } from "./stores.mappers.ts";
import { toPublicStore, toSellerStore } from "./stores.mappers.ts";
import { findStoreByOwner, findStoreBySlug, lockStore } from "./stores.queries.ts";

const slugTaken = () =>
  new DomainError("CONFLICT", "That store address is taken", { slug: ["This slug is already in use"] });

/** The acting seller's store, or NOT_FOUND telling them to create one first. */
export async function requireSellerStore(db: Db, ownerId: string): Promise<StoreRow> {
  const store = await findStoreByOwner(db, ownerId);
  if (!store) throw new NotFoundError("Store (create your store first)");
  return store;
}

export async function getMyStore(db: Db, actor: Actor): Promise<SellerStore> {
  return toSellerStore(await requireSellerStore(db, actor.userId));
}

/**
 * Creates the seller's store and its default stock location (from the store's address) in one
 * transaction. A seller owns one store in this version; the schema would allow more later.
 */
export async function createStore(db: Db, actor: Actor, input: CreateStoreInput): Promise<SellerStore> {
  return inTransaction(db, async (trx) => {
    // Two concurrent creates by the same seller queue on their user row; the second sees the first's store.
    await trx.selectFrom("user").select("id").where("id", "=", actor.userId).forNoKeyUpdate().executeTakeFirst();
    if (await findStoreByOwner(trx, actor.userId)) {
      throw new DomainError("CONFLICT", "You already have a store");
    }
    const id = newId();
    let row: StoreRow;
    try {
      row = await trx
        .insertInto("stores")
        .values({
          id,
          owner_id: actor.userId,
          name: input.name,
          slug: input.slug,
          description: input.description,
          contact_email: input.contact.email ?? null,
          contact_phone: input.contact.phone ?? null,
          address_line: input.address.line,
          city: input.address.city,
          postal_code: input.address.postalCode,
          region: input.address.region,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error, "stores_slug_key")) throw slugTaken();
      throw error;
    }
    await trx
      .insertInto("stock_locations")
      .values({
        id: newId(),
        store_id: id,
        name: "Main warehouse",
        address_line: input.address.line,
        city: input.address.city,
        postal_code: input.address.postalCode,
        region: input.address.region,
        is_default: true,
      })
      .execute();
    return toSellerStore(row);
  });
}

export async function updateStore(db: Db, actor: Actor, input: UpdateStoreInput): Promise<SellerStore> {
  const { data } = input;
  const store = await requireSellerStore(db, actor.userId);
  try {
    const row = await db
      .updateTable("stores")
      .set({
        ...(data.name !== undefined && { name: data.name }),
        ...(data.slug !== undefined && { slug: data.slug }),
        ...(data.description !== undefined && { description: data.description }),
        ...(data.contact?.email !== undefined && { contact_email: data.contact.email }),
        ...(data.contact?.phone !== undefined && { contact_phone: data.contact.phone }),
        ...(data.address && {
          address_line: data.address.line,
          city: data.address.city,
          postal_code: data.address.postalCode,
          region: data.address.region,
        }),
        ...(data.status !== undefined && { status: data.status }),
        updated_at: new Date(),
      })
      .where("id", "=", store.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSellerStore(row);
  } catch (error) {
    if (isUniqueViolation(error, "stores_slug_key")) throw slugTaken();
    throw error;
  }
}

/** Stores a logo or banner under a content-addressed key and points the store at it. */
export async function setStoreImage(
  db: Db,
  storage: Storage,
  actor: Actor,
  params: { kind: "logo" | "banner"; bytes: Uint8Array; maxBytes: number },
): Promise<SellerStore> {
  const store = await requireSellerStore(db, actor.userId);
  const { extension, type } = assertImage(params.bytes, params.maxBytes);
  const hash = createHash("sha256").update(params.bytes).digest("hex").slice(0, 32);
  const stored = await storage.put({
    key: `stores/${store.id}/${params.kind}-${hash}.${extension}`,
    body: params.bytes,
    contentType: type,
  });
  const row = await inTransaction(db, async (trx) => {
    await lockStore(trx, store.id);
    return trx
      .updateTable("stores")
      .set({ [params.kind === "logo" ? "logo_url" : "banner_url"]: stored.url, updated_at: new Date() })
      .where("id", "=", store.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return toSellerStore(row);
}

/** The public store page by slug; closed stores still have a page (saying so), but list no products. */
export async function getPublicStore(db: Db, slug: string): Promise<PublicStore> {
  const row = await findStoreBySlug(db, slug);
  if (!row) throw new NotFoundError("Store");
  return toPublicStore(row);
}
