import type { OrderLineStatus } from "@niaga/db";
import type { Db } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";

/**
 * The minimal order-line writes reviews need until checkout exists (another issue): a line is
 * snapshotted from the variant it sells, as checkout will do. Checkout replaces these callers.
 */
export interface RecordedOrderLine {
  id: string;
  customerId: string;
  storeId: string;
  productId: string;
  variantId: string;
  status: OrderLineStatus;
  deliveredAt: Date | null;
}

const DELIVERED: readonly OrderLineStatus[] = ["delivered", "completed"];

/** Records a line for `customerId` buying `variantId`, in any status (tests use undelivered ones too). */
export async function recordOrderLine(
  db: Db,
  params: { customerId: string; variantId: string; quantity?: number; status: OrderLineStatus },
): Promise<RecordedOrderLine> {
  const variant = await db
    .selectFrom("variants as v")
    .innerJoin("products as p", "p.id", "v.product_id")
    .select(["v.id", "v.title", "v.price", "p.id as product_id", "p.store_id", "p.title as product_title"])
    .where("v.id", "=", params.variantId)
    .executeTakeFirst();
  if (!variant) throw new NotFoundError("Variant");
  const quantity = params.quantity ?? 1;
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new DomainError("INVALID", "Quantity must be a positive integer", { quantity: ["Must be at least 1"] });
  }
  const delivered = DELIVERED.includes(params.status);
  const row = await db
    .insertInto("order_lines")
    .values({
      id: newId(),
      customer_id: params.customerId,
      store_id: variant.store_id,
      product_id: variant.product_id,
      variant_id: variant.id,
      product_title: variant.product_title,
      variant_title: variant.title,
      unit_price: variant.price,
      quantity,
      status: params.status,
      delivered_at: delivered ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecordedOrderLine(row);
}

/** A delivered line: what a customer needs before reviewing the item. */
export function recordDeliveredOrderLine(
  db: Db,
  params: { customerId: string; variantId: string; quantity?: number },
): Promise<RecordedOrderLine> {
  return recordOrderLine(db, { ...params, status: "delivered" });
}

/** Moves an in-flight line to delivered; cancelled or refunded lines cannot be delivered. */
export async function markOrderLineDelivered(db: Db, params: { id: string }): Promise<RecordedOrderLine> {
  const row = await db
    .updateTable("order_lines")
    .set({ status: "delivered", delivered_at: new Date() })
    .where("id", "=", params.id)
    .where("status", "in", ["pending", "paid", "processing", "shipped"])
    .returningAll()
    .executeTakeFirst();
  if (row) return toRecordedOrderLine(row);
  const existing = await db.selectFrom("order_lines").selectAll().where("id", "=", params.id).executeTakeFirst();
  if (!existing) throw new NotFoundError("Order line");
  if (DELIVERED.includes(existing.status)) return toRecordedOrderLine(existing);
  throw new DomainError("CONFLICT", `A ${existing.status} order line cannot be delivered`);
}

function toRecordedOrderLine(row: {
  id: string;
  customer_id: string;
  store_id: string;
  product_id: string;
  variant_id: string;
  status: OrderLineStatus;
  delivered_at: Date | null;
}): RecordedOrderLine {
  return {
    id: row.id,
    customerId: row.customer_id,
    storeId: row.store_id,
    productId: row.product_id,
    variantId: row.variant_id,
    status: row.status,
    deliveredAt: row.delivered_at,
  };
}
