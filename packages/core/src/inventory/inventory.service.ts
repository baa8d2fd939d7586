import type {
  AdjustInventoryInput,
  BulkUpdateStockInput,
  InventoryLevel,
  ManagerAdjustInventoryInput,
} from "@niaga/contracts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import { findLevel } from "./inventory.queries.ts";
import { applyStockChanges } from "./stock-changes.ts";

/** Single adjustments name their fields plainly: `delta`, `variantId`, `locationId`. */
const singleField = (_index: number, field: "variantId" | "locationId" | "quantity") =>
  field === "quantity" ? "delta" : field;

async function levelView(db: Db, variantId: string, locationId: string): Promise<InventoryLevel> {
  const level = await findLevel(db, { variantId, locationId });
  if (!level) throw new NotFoundError("Inventory level");
  return level;
}

/** Confirms variant and location exist (in this store, when given) so a stranger's ids read as NOT_FOUND. */
async function assertTargets(db: Db, params: { variantId: string; locationId: string; storeId?: string }) {
  let variant = db
    .selectFrom("variants")
    .innerJoin("products", "products.id", "variants.product_id")
    .select(["variants.id", "products.store_id"])
    .where("variants.id", "=", params.variantId);
  if (params.storeId) variant = variant.where("products.store_id", "=", params.storeId);
  const found = await variant.executeTakeFirst();
  if (!found) throw new NotFoundError("Variant");
  const location = await db
    .selectFrom("stock_locations")
    .select("id")
    .where("id", "=", params.locationId)
    .where("store_id", "=", found.store_id)
    .executeTakeFirst();
  if (!location) throw new NotFoundError("Stock location");
}

/** A seller's adjustment of their own stock, journalled with their reason. */
export async function adjustInventory(db: Db, actor: Actor, input: AdjustInventoryInput): Promise<InventoryLevel> {
  const store = await requireSellerStore(db, actor.userId);
  await assertTargets(db, { ...input, storeId: store.id });
  return inTransaction(db, async (trx) => {
    await applyStockChanges(trx, {
      changes: [
        {
          variantId: input.variantId,
          locationId: input.locationId,
          change: { delta: input.delta },
          reason: input.reason,
          note: input.note,
        },
      ],
      actorId: actor.userId,
      storeId: store.id,
      fieldOf: singleField,
    });
    return levelView(trx, input.variantId, input.locationId);
  });
}

/** A manager's adjustment of any store's stock: journalled and written to the audit log together. */
export async function managerAdjustInventory(
  db: Db,
  actor: Actor,
  input: ManagerAdjustInventoryInput,
): Promise<InventoryLevel> {
  await assertTargets(db, input);
  return inTransaction(db, async (trx) => {
    const [applied] = await applyStockChanges(trx, {
      changes: [
        {
          variantId: input.variantId,
          locationId: input.locationId,
          change: { delta: input.delta },
          reason: "manager_adjustment",
          note: input.note,
        },
      ],
      actorId: actor.userId,
      fieldOf: singleField,
    });
    await recordAudit(trx, {
      actorId: actor.userId,
      action: "inventory.adjusted",
      targetType: "variant",
      targetId: input.variantId,
      data: { locationId: input.locationId, delta: input.delta, note: input.note, onHandAfter: applied?.onHand },
      requestId: actor.requestId,
    });
    return levelView(trx, input.variantId, input.locationId);
  });
}

/** Sets many on-hand quantities at once; all rows apply or none, with per-row errors (`rows.2.onHand`). */
export async function bulkUpdateStock(db: Db, actor: Actor, input: BulkUpdateStockInput): Promise<{ updated: number }> {
  const store = await requireSellerStore(db, actor.userId);
  const seen = new Map<string, number>();
  const duplicates: Record<string, string[]> = {};
  input.rows.forEach((row, index) => {
    const key = `${row.variantId}|${row.locationId}`;
    if (seen.has(key)) duplicates[`rows.${index}.variantId`] = ["This variant and location are listed twice"];
    seen.set(key, index);
  });
  if (Object.keys(duplicates).length) throw new DomainError("INVALID", "A row is listed twice", duplicates);
  return inTransaction(db, async (trx) => {
    await applyStockChanges(trx, {
      changes: input.rows.map((row) => ({
        variantId: row.variantId,
        locationId: row.locationId,
        change: { setOnHand: row.onHand },
        reason: "correction" as const,
        note: input.note ?? "bulk update",
      })),
      actorId: actor.userId,
      storeId: store.id,
      fieldOf: (index, field) => `rows.${index}.${field === "quantity" ? "onHand" : field}`,
    });
    return { updated: input.rows.length };
  });
}
