import { isAdminRole } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import { findStoreByOwner } from "../stores/stores.queries.ts";
import type { Actor } from "../users/users.service.ts";
import type { CouponRow } from "./coupons.mappers.ts";

/**
 * The coupon if this actor may manage it: a seller only their own store's, staff (admins) any.
 * Anything else reads as NOT_FOUND, so another store's coupon ids reveal nothing.
 */
export async function requireCouponFor(db: Db, actor: Actor, id: string): Promise<CouponRow> {
  const row = await db.selectFrom("coupons").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError("Coupon");
  if (isAdminRole(actor.role)) return row;
  const store = await findStoreByOwner(db, actor.userId);
  if (!store || row.store_id !== store.id) throw new NotFoundError("Coupon");
  return row;
}
