import type { InventoryLevel, JournalEntry, ListInventoryInput, ListJournalInput } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";

function levelsQuery(db: Db) {
  return db
    .selectFrom("inventory_levels as l")
    .innerJoin("variants as v", "v.id", "l.variant_id")
    .innerJoin("products as p", "p.id", "v.product_id")
    .innerJoin("stock_locations as s", "s.id", "l.location_id")
    .select([
      "l.variant_id as variantId",
      "v.sku",
      "v.title as variantTitle",
      "p.id as productId",
      "p.title as productTitle",
      "l.location_id as locationId",
      "s.name as locationName",
      "l.on_hand as onHand",
      "l.reserved",
      sql<number>`l.on_hand - l.reserved`.as("available"),
      "p.low_stock_threshold as lowStockThreshold",
    ]);
}

export function findLevel(
  db: Db,
  params: { variantId: string; locationId: string },
): Promise<InventoryLevel | undefined> {
  return levelsQuery(db)
    .where("l.variant_id", "=", params.variantId)
    .where("l.location_id", "=", params.locationId)
    .executeTakeFirst();
}

function decodeKey(raw: string): [string, string] {
  const [variantId, locationId] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  if (!variantId || !locationId) {
    throw new DomainError("INVALID", "The cursor is not valid", { cursor: ["Invalid cursor"] });
  }
  return [variantId, locationId];
}

/** A store's levels per variant per location, keyset-paged by (variant id, location id). */
export async function findLevelsPage(db: Db, storeId: string, input: ListInventoryInput) {
  let query = levelsQuery(db)
    .where("p.store_id", "=", storeId)
    .where("v.archived_at", "is", null)
    .orderBy("l.variant_id")
    .orderBy("l.location_id")
    .limit(input.limit + 1);
  if (input.productId) query = query.where("p.id", "=", input.productId);
  if (input.locationId) query = query.where("l.location_id", "=", input.locationId);
  if (input.cursor) {
    const [variantId, locationId] = decodeKey(input.cursor);
    query = query.where(sql<boolean>`(l.variant_id, l.location_id) > (${variantId}, ${locationId})`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor:
      rows.length > input.limit && last
        ? Buffer.from(`${last.variantId}|${last.locationId}`).toString("base64url")
        : null,
  };
}

/** A store's journal, newest first; the cursor is the last id seen. */
export async function findJournalPage(
  db: Db,
  storeId: string,
  input: ListJournalInput,
): Promise<{ items: JournalEntry[]; nextCursor: string | null }> {
  let query = db
    .selectFrom("inventory_journal as j")
    .innerJoin("variants as v", "v.id", "j.variant_id")
    .innerJoin("products as p", "p.id", "v.product_id")
    .select([
      "j.id",
      "j.variant_id as variantId",
      "j.location_id as locationId",
      "j.on_hand_delta as onHandDelta",
      "j.reserved_delta as reservedDelta",
      "j.on_hand_after as onHandAfter",
      "j.reason",
      "j.note",
      "j.actor_id as actorId",
      "j.reference",
      "j.created_at as createdAt",
    ])
    .where("p.store_id", "=", storeId)
    .orderBy("j.id", "desc")
    .limit(input.limit + 1);
  if (input.variantId) query = query.where("j.variant_id", "=", input.variantId);
  if (input.productId) query = query.where("p.id", "=", input.productId);
  if (input.cursor) {
    const before = Number(input.cursor);
    if (!Number.isSafeInteger(before) || before <= 0) {
      throw new DomainError("INVALID", "The cursor is not valid", { cursor: ["Invalid cursor"] });
    }
    query = query.where("j.id", "<", before);
  }
  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > input.limit && last ? String(last.id) : null };
}
