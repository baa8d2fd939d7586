import type { OrderStatus } from "@niaga/db";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { decodeExactCursor, exactTimestamp, olderThan, pageOf } from "../shared/exact-cursor.ts";

export interface OrderFilters {
  customerId?: string | undefined;
  storeId?: string | undefined;
  status?: OrderStatus | undefined;
  /** Order-number prefix. */
  search?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface PageParams {
  limit: number;
  cursor?: string | null | undefined;
}

/** `like` treats % and _ as wildcards; a typed prefix must match literally. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function summaryQuery(db: Db, cursorColumn: "o.created_at" | "o.paid_at") {
  return db
    .selectFrom("orders as o")
    .innerJoin("stores as s", "s.id", "o.store_id")
    .select([
      "o.id",
      "o.number",
      "o.status",
      "o.total",
      "o.customer_id",
      "o.shipping_address",
      "o.created_at",
      "o.updated_at",
      "o.paid_at",
      "o.shipped_at",
      "s.id as store_id",
      "s.name as store_name",
      "s.slug as store_slug",
      sql<number>`(select coalesce(sum(l.quantity), 0)::int from order_lines l where l.order_id = o.id)`.as(
        "item_count",
      ),
      exactTimestamp(cursorColumn).as("cursor_at"),
    ]);
}

export type OrderSummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>["executeTakeFirstOrThrow"]>>;

/** Orders matching the filters, newest first, keyset-paged over (created_at, id). */
export async function findOrderPage(db: Db, filters: OrderFilters, page: PageParams) {
  const cursor = page.cursor ? decodeExactCursor(page.cursor) : null;
  let query = summaryQuery(db, "o.created_at")
    .orderBy("o.created_at", "desc")
    .orderBy("o.id", "desc")
    .limit(page.limit + 1);
  if (filters.customerId) query = query.where("o.customer_id", "=", filters.customerId);
  if (filters.storeId) query = query.where("o.store_id", "=", filters.storeId);
  if (filters.status) query = query.where("o.status", "=", filters.status);
  if (filters.search) query = query.where(sql<boolean>`o.number like ${likePrefix(filters.search)}`);
  if (filters.from) query = query.where("o.created_at", ">=", filters.from);
  if (filters.to) query = query.where("o.created_at", "<", filters.to);
  if (cursor) query = query.where(olderThan("o.created_at", "o.id", cursor));
  return pageOf(await query.execute(), page.limit);
}

/** Paid or processing orders paid before `paidBefore` and not shipped yet, longest waiting first. */
export async function findStuckOrderPage(db: Db, params: { paidBefore: Date }, page: PageParams) {
  const cursor = page.cursor ? decodeExactCursor(page.cursor) : null;
  let query = summaryQuery(db, "o.paid_at")
    .where("o.status", "in", ["paid", "processing"])
    .where("o.paid_at", "<=", params.paidBefore)
    .orderBy("o.paid_at", "asc")
    .orderBy("o.id", "asc")
    .limit(page.limit + 1);
  if (cursor) query = query.where(sql<boolean>`(o.paid_at, o.id) > (${cursor.at}::timestamptz, ${cursor.id})`);
  return pageOf(await query.execute(), page.limit);
}

/** One order with its store, currency, lines and events; scoped lookups answer undefined for others' orders. */
export async function findOrderDetail(db: Db, params: { id: string; customerId?: string; storeId?: string }) {
  let query = db
    .selectFrom("orders as o")
    .innerJoin("stores as s", "s.id", "o.store_id")
    .innerJoin("checkouts as c", "c.id", "o.checkout_id")
    .selectAll("o")
    .select(["s.name as store_name", "s.slug as store_slug", "c.currency"])
    .where("o.id", "=", params.id);
  if (params.customerId) query = query.where("o.customer_id", "=", params.customerId);
  if (params.storeId) query = query.where("o.store_id", "=", params.storeId);
  const order = await query.executeTakeFirst();
  if (!order) return undefined;
  const [lines, events] = await Promise.all([
    db
      .selectFrom("order_lines")
      .select([
        "id",
        "product_id",
        "variant_id",
        "product_title",
        "variant_title",
        "sku",
        "unit_price",
        "quantity",
        "status",
      ])
      .where("order_id", "=", order.id)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db.selectFrom("order_events").selectAll().where("order_id", "=", order.id).orderBy("id").execute(),
  ]);
  return { order, lines, events };
}

export type OrderDetailRows = NonNullable<Awaited<ReturnType<typeof findOrderDetail>>>;
