import type { Database, StockHoldStatus } from "@niaga/db";
import type { OperationNodeSource, RawBuilder, Transaction } from "kysely";
import { sql } from "kysely";
import type { DomainEvent } from "../events/domain-events.ts";
import { domainEventsInsert } from "../events/domain-events.ts";
import type { Db } from "../shared/db.ts";
import type { ArrayType } from "../shared/unnest-insert.ts";
import { arrayParameter, insertUnnested } from "../shared/unnest-insert.ts";
import { OutOfStockError } from "./checkout.errors.ts";
import { executeTogether } from "./combined-writes.ts";
import type { LevelChange, LockedLevel } from "./stock-level-effects.ts";
import { refreshCrossedProducts, stockChangedEvents } from "./stock-level-effects.ts";

// The array type each written column travels as (see insertUnnested).
const HOLD_COLUMNS = {
  checkout_id: "text",
  order_id: "text",
  variant_id: "text",
  location_id: "text",
  quantity: "int4",
} as const satisfies Record<string, ArrayType>;
const JOURNAL_COLUMNS = {
  variant_id: "text",
  location_id: "text",
  on_hand_delta: "int4",
  reserved_delta: "int4",
  on_hand_after: "int4",
  reason: "text",
  actor_id: "text",
  reference: "text",
} as const satisfies Record<string, ArrayType>;

/** What one order line asks of the stock. Lines of one cart may draw on the same variant. */
export interface StockDemand {
  orderId: string;
  lineId: string;
  variantId: string;
  storeId: string;
  quantity: number;
}

/** Where a line's units were taken from (a line may be split over several locations). */
export interface StockAllocation {
  lineId: string;
  locationId: string;
  quantity: number;
}

/** A variant's product facts the caller already read (saves holdStock a read of them). */
export interface VariantProduct {
  productId: string;
  storeId: string;
  lowStockThreshold: number;
}

const byKey = (a: { variant_id: string; location_id: string }, b: { variant_id: string; location_id: string }) =>
  a.variant_id < b.variant_id
    ? -1
    : a.variant_id > b.variant_id
      ? 1
      : a.location_id < b.location_id
        ? -1
        : a.location_id > b.location_id
          ? 1
          : 0;

/**
 * The levels of these variants at every location of their store, locked in (variant, location)
 * order: every caller that locks stock does so in this one order, so concurrent checkouts queue
 * instead of deadlocking. A builder, so checkout can run it inside its first statement.
 */
export function levelsForUpdate(trx: Db, variantIds: readonly string[]) {
  // One array parameter: the same statement text, and one plan, for any number of variants.
  // The outer cast makes it an array expression: bare, `any((select …))` is a subquery's rows.
  return lockedLevelsQuery(
    trx,
    sql<boolean>`l.variant_id = any(${arrayParameter([...new Set(variantIds)].sort(), "text")}::text[])`,
  );
}

/** levelsForUpdate for the levels `where` picks (a condition on `l`, the level). */
export function lockedLevelsQuery(trx: Db, where: RawBuilder<boolean>) {
  return trx
    .selectFrom("inventory_levels as l")
    .innerJoin("stock_locations as s", "s.id", "l.location_id")
    .select(["l.variant_id", "l.location_id", "l.on_hand", "l.reserved", "s.is_default"])
    .where(where)
    .orderBy("l.variant_id")
    .orderBy("l.location_id")
    .forUpdate("l");
}

/** Locks the levels of these variants (see levelsForUpdate) and returns them in (variant, location) order. */
async function lockLevels(trx: Db, variantIds: readonly string[]): Promise<LockedLevel[]> {
  if (variantIds.length === 0) return [];
  const rows = await levelsForUpdate(trx, variantIds).execute();
  return sortLevels(rows);
}

/** Levels in (variant, location) order, however they were read. */
export function sortLevels(levels: LockedLevel[]): LockedLevel[] {
  return levels.sort(byKey);
}

/**
 * Reserves stock for a checkout's lines. Demand is summed per variant before the check, so two
 * lines of one cart can never take the same units twice. Units come from the store's default
 * location first, then the others by id. Nothing is held unless every variant is covered: a
 * shortage throws OutOfStockError listing every short variant. `products`, when it covers every
 * demanded variant, spares the reads of their products for the low-stock and availability checks.
 * `alsoWrite` gives statements (which may use the allocations) to run in the same round trip as
 * the holds, so the locked levels are held for as few statements as possible; `events` are outbox
 * rows to write in the same insert as the stock.changed ones. `locked` are the demanded variants'
 * levels when the caller already locked them (see levelsForUpdate).
 */
export async function holdStock(
  trx: Transaction<Database>,
  params: {
    checkoutId: string;
    demands: readonly StockDemand[];
    actorId: string | null;
    products?: ReadonlyMap<string, VariantProduct>;
    alsoWrite?: (allocations: readonly StockAllocation[]) => readonly OperationNodeSource[];
    events?: readonly DomainEvent[];
    locked?: readonly LockedLevel[];
  },
): Promise<StockAllocation[]> {
  const levels =
    params.locked ??
    (await lockLevels(
      trx,
      params.demands.map((demand) => demand.variantId),
    ));
  const byVariant = new Map<string, LockedLevel[]>();
  for (const level of levels) byVariant.set(level.variant_id, [...(byVariant.get(level.variant_id) ?? []), level]);

  const wanted = new Map<string, number>();
  for (const demand of params.demands)
    wanted.set(demand.variantId, (wanted.get(demand.variantId) ?? 0) + demand.quantity);
  const short: { variantId: string; requested: number; available: number }[] = [];
  for (const [variantId, quantity] of wanted) {
    const available = (byVariant.get(variantId) ?? []).reduce((sum, l) => sum + Math.max(0, l.on_hand - l.reserved), 0);
    if (available < quantity) short.push({ variantId, requested: quantity, available });
  }
  if (short.length > 0) throw new OutOfStockError(short);

  const allocations: StockAllocation[] = [];
  const taken = new Map<string, number>(); // "variant|location" → units taken so far
  for (const demand of params.demands) {
    let remaining = demand.quantity;
    const candidates = [...(byVariant.get(demand.variantId) ?? [])].sort(
      (a, b) => Number(b.is_default) - Number(a.is_default) || byKey(a, b),
    );
    for (const level of candidates) {
      if (remaining === 0) break;
      const key = `${level.variant_id}|${level.location_id}`;
      const free = level.on_hand - level.reserved - (taken.get(key) ?? 0);
      const quantity = Math.min(free, remaining);
      if (quantity <= 0) continue;
      taken.set(key, (taken.get(key) ?? 0) + quantity);
      allocations.push({ lineId: demand.lineId, locationId: level.location_id, quantity });
      remaining -= quantity;
    }
  }

  const lineOrder = new Map(params.demands.map((demand) => [demand.lineId, demand]));
  const holds = allocations.map((allocation) => {
    const demand = lineOrder.get(allocation.lineId) as StockDemand;
    return {
      checkout_id: params.checkoutId,
      order_id: demand.orderId,
      variant_id: demand.variantId,
      location_id: allocation.locationId,
      quantity: allocation.quantity,
    };
  });
  await moveReserved(trx, {
    alongside: [insertUnnested("stock_holds", HOLD_COLUMNS, holds), ...(params.alsoWrite?.(allocations) ?? [])],
    events: params.events,
    changes: holds.map((hold) => ({ ...hold, reservedDelta: hold.quantity, onHandDelta: 0 })),
    levels,
    reason: "reservation",
    reference: params.checkoutId,
    actorId: params.actorId,
    products: params.products,
  });
  return allocations;
}

/**
 * Applies summed deltas to locked levels and journals each change in one statement (with the
 * caller's `alongside` writes), then refreshes
 * the products whose availability crossed zero (the only change list pages care about), so the
 * hot path never rewrites product rows for an ordinary sale.
 */
async function moveReserved(
  trx: Db,
  params: {
    changes: readonly LevelChange[];
    levels: readonly LockedLevel[];
    reason: string;
    reference: string;
    actorId: string | null;
    products?: ReadonlyMap<string, VariantProduct> | undefined;
    /** variant id → product id, for callers that know them without the rest of VariantProduct. */
    productOf?: ReadonlyMap<string, string>;
    alongside?: readonly OperationNodeSource[];
    /** Outbox rows to write with the change's own stock.changed rows: one insert for all of them. */
    events?: readonly DomainEvent[] | undefined;
  },
): Promise<void> {
  const summed = new Map<string, LevelChange>();
  for (const change of params.changes) {
    const key = `${change.variant_id}|${change.location_id}`;
    const prior = summed.get(key);
    summed.set(key, {
      ...change,
      reservedDelta: (prior?.reservedDelta ?? 0) + change.reservedDelta,
      onHandDelta: (prior?.onHandDelta ?? 0) + change.onHandDelta,
    });
  }
  const rows = [...summed.values()].sort(byKey);
  const alongside = params.alongside ?? [];
  const outbox = (events: readonly DomainEvent[]) => (events.length > 0 ? [domainEventsInsert(events)] : []);
  if (rows.length === 0) return executeTogether(trx, [...alongside, ...outbox(params.events ?? [])]);
  const column = (key: keyof (typeof rows)[number], type: ArrayType) =>
    arrayParameter(
      rows.map((row) => row[key]),
      type,
    );
  const update = sql`
    update inventory_levels l set
      on_hand = l.on_hand + d.on_hand_delta,
      reserved = l.reserved + d.reserved_delta,
      updated_at = now()
    from unnest(
      ${column("variant_id", "text")}, ${column("location_id", "text")},
      ${column("onHandDelta", "int4")}, ${column("reservedDelta", "int4")}
    ) as d(variant_id, location_id, on_hand_delta, reserved_delta)
    where l.variant_id = d.variant_id and l.location_id = d.location_id`;

  const before = new Map(params.levels.map((level) => [`${level.variant_id}|${level.location_id}`, level]));
  const journal = insertUnnested(
    "inventory_journal",
    JOURNAL_COLUMNS,
    rows.map((row) => {
      const level = before.get(`${row.variant_id}|${row.location_id}`);
      return {
        variant_id: row.variant_id,
        location_id: row.location_id,
        on_hand_delta: row.onHandDelta,
        reserved_delta: row.reservedDelta,
        on_hand_after: (level?.on_hand ?? 0) + row.onHandDelta,
        reason: params.reason,
        actor_id: params.actorId,
        reference: params.reference,
      };
    }),
  );
  const stockChanged = await stockChangedEvents(trx, rows, params.products, params.productOf);
  await executeTogether(trx, [...alongside, ...outbox([...(params.events ?? []), ...stockChanged]), update, journal]);
  await refreshCrossedProducts(trx, rows, params.levels, params.products);
}

/** Moves holds matching `where` to `to`, applying `delta(hold)` to their levels; returns how many moved. */
async function settleHolds(
  trx: Db,
  params: {
    filter: { checkoutId: string } | { orderId: string };
    from: StockHoldStatus;
    to: StockHoldStatus;
    delta: (quantity: number) => { onHandDelta: number; reservedDelta: number };
    reason: string;
    actorId: string | null;
  },
): Promise<number> {
  const reference = "checkoutId" in params.filter ? params.filter.checkoutId : params.filter.orderId;
  let query = trx
    .selectFrom("stock_holds")
    .innerJoin("variants", "variants.id", "stock_holds.variant_id")
    .select(["stock_holds.id", "stock_holds.variant_id", "variants.product_id"]);
  query =
    "checkoutId" in params.filter
      ? query.where("stock_holds.checkout_id", "=", params.filter.checkoutId)
      : query.where("stock_holds.order_id", "=", params.filter.orderId);
  const candidates = await query.where("stock_holds.status", "=", params.from).execute();
  if (candidates.length === 0) return 0;
  // Levels first (the one lock order), then the holds; a hold another caller settled meanwhile drops out.
  const levels = await lockLevels(
    trx,
    candidates.map((hold) => hold.variant_id),
  );
  const moved = await trx
    .updateTable("stock_holds")
    .set({ status: params.to, updated_at: new Date() })
    .where(
      "id",
      "in",
      candidates.map((hold) => hold.id),
    )
    .where("status", "=", params.from)
    .returning(["variant_id", "location_id", "quantity"])
    .execute();
  await moveReserved(trx, {
    changes: moved.map((hold) => ({ ...hold, ...params.delta(hold.quantity) })),
    levels,
    reason: params.reason,
    reference,
    actorId: params.actorId,
    productOf: new Map(candidates.map((hold) => [hold.variant_id, hold.product_id])),
  });
  return moved.length;
}

/** Payment captured: held units leave the shelf (on hand and reserved both go down). Idempotent. */
export function commitCheckoutStock(trx: Db, params: { checkoutId: string; actorId: string | null }): Promise<number> {
  return settleHolds(trx, {
    filter: { checkoutId: params.checkoutId },
    from: "held",
    to: "committed",
    delta: (quantity) => ({ onHandDelta: -quantity, reservedDelta: -quantity }),
    reason: "sale",
    actorId: params.actorId,
  });
}

/** An unpaid checkout expired or was cancelled: its held units become available again. Idempotent. */
export function releaseCheckoutStock(trx: Db, params: { checkoutId: string; actorId: string | null }): Promise<number> {
  return settleHolds(trx, {
    filter: { checkoutId: params.checkoutId },
    from: "held",
    to: "released",
    delta: (quantity) => ({ onHandDelta: 0, reservedDelta: -quantity }),
    reason: "reservation_released",
    actorId: params.actorId,
  });
}

/**
 * An order was cancelled: held units are released, and units already taken off the shelf (a
 * paid order) go back on hand. Idempotent: a second call finds nothing left to move.
 */
export async function releaseOrderStock(trx: Db, params: { orderId: string; actorId: string | null }): Promise<number> {
  const released = await settleHolds(trx, {
    filter: { orderId: params.orderId },
    from: "held",
    to: "released",
    delta: (quantity) => ({ onHandDelta: 0, reservedDelta: -quantity }),
    reason: "reservation_released",
    actorId: params.actorId,
  });
  const restocked = await settleHolds(trx, {
    filter: { orderId: params.orderId },
    from: "committed",
    to: "restocked",
    delta: (quantity) => ({ onHandDelta: quantity, reservedDelta: 0 }),
    reason: "order_cancelled",
    actorId: params.actorId,
  });
  return released + restocked;
}
