import type {
  ListAllOrdersInput,
  ListMyOrdersInput,
  ListStoreOrdersInput,
  MyOrder,
  MyOrderSummary,
  StaffOrder,
  StaffOrderSummary,
  StoreOrder,
  StoreOrderSummary,
} from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import {
  toMyOrder,
  toMyOrderSummary,
  toStaffOrder,
  toStaffOrderSummary,
  toStoreOrder,
  toStoreOrderSummary,
} from "./orders.mappers.ts";
import { findOrderDetail, findOrderPage, findStuckOrderPage } from "./orders.queries.ts";

type Page<T> = { items: T[]; nextCursor: string | null };

/** The caller's own orders, newest first, optionally in one status. */
export async function listMyOrders(db: Db, actor: Actor, input: ListMyOrdersInput): Promise<Page<MyOrderSummary>> {
  const page = await findOrderPage(db, { customerId: actor.userId, status: input.status }, input);
  return { items: page.rows.map(toMyOrderSummary), nextCursor: page.nextCursor };
}

/** One of the caller's orders with lines, events and shipping; anyone else's answers NOT_FOUND. */
export async function getMyOrder(db: Db, actor: Actor, params: { id: string }): Promise<MyOrder> {
  const rows = await findOrderDetail(db, { id: params.id, customerId: actor.userId });
  if (!rows) throw new NotFoundError("Order");
  return toMyOrder(rows);
}

/** The seller's store's orders with filters; buyers appear only as shipping needs them. */
export async function listStoreOrders(
  db: Db,
  actor: Actor,
  input: ListStoreOrdersInput,
): Promise<Page<StoreOrderSummary>> {
  const store = await requireSellerStore(db, actor.userId);
  const page = await findOrderPage(db, { ...input, storeId: store.id }, input);
  return { items: page.rows.map(toStoreOrderSummary), nextCursor: page.nextCursor };
}

/** One order of the seller's store; another store's answers NOT_FOUND. */
export async function getStoreOrder(db: Db, actor: Actor, params: { id: string }): Promise<StoreOrder> {
  const store = await requireSellerStore(db, actor.userId);
  const rows = await findOrderDetail(db, { id: params.id, storeId: store.id });
  if (!rows) throw new NotFoundError("Order");
  return toStoreOrder(rows);
}

/** Every store's orders, for staff supervision. */
export async function listAllOrders(db: Db, input: ListAllOrdersInput): Promise<Page<StaffOrderSummary>> {
  const page = await findOrderPage(db, input, input);
  return { items: page.rows.map(toStaffOrderSummary), nextCursor: page.nextCursor };
}

/** Any order as staff see it. */
export async function getAnyOrder(db: Db, params: { id: string }): Promise<StaffOrder> {
  const rows = await findOrderDetail(db, { id: params.id });
  if (!rows) throw new NotFoundError("Order");
  return toStaffOrder(rows);
}

/** Paid or processing orders still unshipped `olderThanDays` after payment, longest waiting first. */
export async function listStuckOrders(
  db: Db,
  params: { olderThanDays: number; limit: number; cursor?: string | null | undefined; now?: Date },
): Promise<Page<StaffOrderSummary>> {
  const paidBefore = new Date((params.now ?? new Date()).getTime() - params.olderThanDays * 86_400_000);
  const page = await findStuckOrderPage(db, { paidBefore }, params);
  return { items: page.rows.map(toStaffOrderSummary), nextCursor: page.nextCursor };
}
