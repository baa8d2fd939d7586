import type { InventoryReason } from "@niaga/contracts";
import { refreshProductAggregates } from "../catalog/product-aggregates.ts";
import { emitDomainEvents } from "../events/domain-events.ts";
import type { Db } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";

/** One change to one inventory level: a delta, or an absolute on-hand quantity to set. */
export interface StockChange {
  variantId: string;
  locationId: string;
  change: { delta: number } | { setOnHand: number };
  reason: InventoryReason;
  note?: string | null | undefined;
  reference?: string | null | undefined;
}

export interface AppliedStockChange {
  variantId: string;
  locationId: string;
  onHand: number;
  reserved: number;
  available: number;
  lowStockEvent: boolean;
}

interface Target {
  productId: string;
  storeId: string;
  threshold: number;
}

/**
 * The one way stock changes. Must run inside the caller's transaction. Rows are locked with
 * `select … for update` in a fixed order (variant id, then location id) so concurrent callers
 * touching the same levels in any order queue instead of deadlocking. Each change is refused
 * when on-hand would go below zero or below what is reserved; every applied change appends a
 * journal row, and crossing the product's low-stock threshold downwards records a
 * low_stock_events row in the same transaction. Problems are collected per row (keyed by
 * `fieldOf(index, field)`) and thrown together, so a bulk call applies all rows or none.
 * With `storeId`, variants and locations of other stores count as unknown.
 */
export async function applyStockChanges(
  trx: Db,
  params: {
    changes: readonly StockChange[];
    actorId: string | null;
    storeId?: string | undefined;
    fieldOf?: (index: number, field: "variantId" | "locationId" | "quantity") => string;
  },
): Promise<AppliedStockChange[]> {
  const { changes } = params;
  const fieldOf = params.fieldOf ?? ((index, field) => `rows.${index}.${field}`);
  const errors: Record<string, string[]> = {};
  const fail = (index: number, field: "variantId" | "locationId" | "quantity", message: string) => {
    const key = fieldOf(index, field);
    errors[key] = [...(errors[key] ?? []), message];
  };

  const targets = await loadTargets(trx, changes, params.storeId);
  const locations = await loadLocationStores(trx, changes);
  changes.forEach((change, index) => {
    const target = targets.get(change.variantId);
    if (!target) fail(index, "variantId", "Variant not found");
    const locationStore = locations.get(change.locationId);
    const expectedStore = target?.storeId ?? params.storeId;
    if (!locationStore || (expectedStore && locationStore !== expectedStore)) {
      fail(index, "locationId", "Unknown location");
    }
  });
  throwIfAny(errors);

  const order = changes
    .map((change, index) => ({ change, index }))
    .sort(
      (a, b) => compare(a.change.variantId, b.change.variantId) || compare(a.change.locationId, b.change.locationId),
    );
  const applied: AppliedStockChange[] = new Array(changes.length);
  const moved = new Set<number>();
  for (const { change, index } of order) {
    const target = targets.get(change.variantId) as Target;
    const level = await lockLevel(trx, change.variantId, change.locationId);
    const onHand = "delta" in change.change ? level.on_hand + change.change.delta : change.change.setOnHand;
    if (onHand < 0) {
      fail(index, "quantity", `Only ${level.on_hand} on hand; stock cannot go below zero`);
      continue;
    }
    if (onHand < level.reserved) {
      fail(index, "quantity", `${level.reserved} units are reserved; on-hand cannot go below that`);
      continue;
    }
    const delta = onHand - level.on_hand;
    const before = level.on_hand - level.reserved;
    const after = onHand - level.reserved;
    const crossed = before > target.threshold && after <= target.threshold;
    if (delta !== 0) {
      await writeChange(trx, { change, delta, onHand, actorId: params.actorId, target, crossed, after });
      moved.add(index);
    }
    applied[index] = {
      variantId: change.variantId,
      locationId: change.locationId,
      onHand,
      reserved: level.reserved,
      available: after,
      lowStockEvent: crossed && delta !== 0,
    };
  }
  throwIfAny(errors);
  await emitStockChanged(trx, changes, moved, targets);
  await refreshProductAggregates(trx, [
    ...new Set(changes.map((change) => (targets.get(change.variantId) as Target).productId)),
  ]);
  return applied;
}

/**
 * One stock.changed per product whose levels actually moved (a zero delta changes nothing), in
 * the caller's transaction, so live stock streams re-read once per call, not once per row.
 */
async function emitStockChanged(
  trx: Db,
  changes: readonly StockChange[],
  moved: ReadonlySet<number>,
  targets: Map<string, Target>,
) {
  const variantsByProduct = new Map<string, Set<string>>();
  changes.forEach((change, index) => {
    const target = targets.get(change.variantId);
    if (!target || !moved.has(index)) return;
    const set = variantsByProduct.get(target.productId) ?? new Set<string>();
    set.add(change.variantId);
    variantsByProduct.set(target.productId, set);
  });
  await emitDomainEvents(
    trx,
    [...variantsByProduct].map(([productId, variantIds]) => ({
      type: "stock.changed" as const,
      aggregate: { type: "product", id: productId },
      payload: { productId, variantIds: [...variantIds].sort() },
    })),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function throwIfAny(errors: Record<string, string[]>) {
  if (Object.keys(errors).length > 0) {
    const first = Object.values(errors)[0]?.[0] ?? "Invalid stock change";
    throw new DomainError("INVALID", first, errors);
  }
}

async function loadTargets(trx: Db, changes: readonly StockChange[], storeId: string | undefined) {
  const ids = [...new Set(changes.map((change) => change.variantId))];
  let query = trx
    .selectFrom("variants")
    .innerJoin("products", "products.id", "variants.product_id")
    .select(["variants.id", "products.id as product_id", "products.store_id", "products.low_stock_threshold"])
    .where("variants.id", "in", ids);
  if (storeId) query = query.where("products.store_id", "=", storeId);
  const rows = await query.execute();
  return new Map<string, Target>(
    rows.map((row) => [
      row.id,
      { productId: row.product_id, storeId: row.store_id, threshold: row.low_stock_threshold },
    ]),
  );
}

async function loadLocationStores(trx: Db, changes: readonly StockChange[]) {
  const ids = [...new Set(changes.map((change) => change.locationId))];
  const rows = await trx.selectFrom("stock_locations").select(["id", "store_id"]).where("id", "in", ids).execute();
  return new Map(rows.map((row) => [row.id, row.store_id]));
}

/** Locks the level row, creating it at zero first when this variant was never stocked here. */
async function lockLevel(trx: Db, variantId: string, locationId: string) {
  const lock = () =>
    trx
      .selectFrom("inventory_levels")
      .select(["on_hand", "reserved"])
      .where("variant_id", "=", variantId)
      .where("location_id", "=", locationId)
      .forUpdate()
      .executeTakeFirst();
  const existing = await lock();
  if (existing) return existing;
  await trx
    .insertInto("inventory_levels")
    .values({ variant_id: variantId, location_id: locationId })
    .onConflict((oc) => oc.columns(["variant_id", "location_id"]).doNothing())
    .execute();
  const created = await lock();
  if (!created) throw new Error(`inventory level ${variantId}/${locationId} vanished`);
  return created;
}

async function writeChange(
  trx: Db,
  params: {
    change: StockChange;
    delta: number;
    onHand: number;
    actorId: string | null;
    target: Target;
    crossed: boolean;
    after: number;
  },
) {
  const { change, target } = params;
  await trx
    .updateTable("inventory_levels")
    .set({ on_hand: params.onHand, updated_at: new Date() })
    .where("variant_id", "=", change.variantId)
    .where("location_id", "=", change.locationId)
    .execute();
  await trx
    .insertInto("inventory_journal")
    .values({
      variant_id: change.variantId,
      location_id: change.locationId,
      on_hand_delta: params.delta,
      on_hand_after: params.onHand,
      reason: change.reason,
      note: change.note ?? null,
      actor_id: params.actorId,
      reference: change.reference ?? null,
    })
    .execute();
  if (params.crossed) {
    await trx
      .insertInto("low_stock_events")
      .values({
        store_id: target.storeId,
        product_id: target.productId,
        variant_id: change.variantId,
        available: params.after,
        threshold: target.threshold,
      })
      .execute();
    await emitDomainEvents(trx, [
      {
        type: "stock.low",
        aggregate: { type: "product", id: target.productId },
        payload: {
          storeId: target.storeId,
          productId: target.productId,
          variantId: change.variantId,
          available: params.after,
          threshold: target.threshold,
        },
      },
    ]);
  }
}
