import type { Db } from "../shared/db.ts";

/** The seller's store: the oldest they own (one per seller for now; the schema allows more). */
export function findStoreByOwner(db: Db, ownerId: string) {
  return db
    .selectFrom("stores")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .orderBy("created_at")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

export function findStoreBySlug(db: Db, slug: string) {
  return db.selectFrom("stores").selectAll().where("slug", "=", slug).executeTakeFirst();
}

/** Row lock on the store (no key update: foreign keys pointing at it stay free). */
export function lockStore(db: Db, storeId: string) {
  return db.selectFrom("stores").selectAll().where("id", "=", storeId).forNoKeyUpdate().executeTakeFirst();
}

export function findLocations(db: Db, storeId: string) {
  return db
    .selectFrom("stock_locations")
    .selectAll()
    .where("store_id", "=", storeId)
    .orderBy("is_default", "desc")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function findLocation(db: Db, params: { storeId: string; locationId: string }) {
  return db
    .selectFrom("stock_locations")
    .selectAll()
    .where("id", "=", params.locationId)
    .where("store_id", "=", params.storeId)
    .executeTakeFirst();
}
