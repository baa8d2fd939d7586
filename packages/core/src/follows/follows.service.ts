import type { FollowState } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import type { Actor } from "../users/users.service.ts";

const closedStore = () => new DomainError("CONFLICT", "This store is closed and cannot be followed");

/**
 * Follows a store; following twice changes nothing. The follower count moves only when a row
 * was really inserted (insert … on conflict do nothing), by a relative update, so any mix of
 * concurrent follows and unfollows leaves it equal to the number of rows.
 *
 * A closed store cannot be followed: it sells nothing and shows no products, so the follow
 * would be an empty promise (and inflate the count of a shop that is gone). Existing follows
 * stay when a store closes, so its followers are still there if it reopens.
 */
export async function followStore(db: Db, actor: Actor, params: { storeId: string }): Promise<FollowState> {
  return inTransaction(db, async (trx) => {
    const store = await trx
      .selectFrom("stores")
      .select(["id", "owner_id", "status", "follower_count"])
      .where("id", "=", params.storeId)
      .executeTakeFirst();
    if (!store) throw new NotFoundError("Store");
    if (store.owner_id === actor.userId) {
      throw new DomainError("INVALID", "You cannot follow your own store", { storeId: ["This is your own store"] });
    }
    if (store.status === "closed") throw closedStore();
    const inserted = await trx
      .insertInto("store_follows")
      .values({ customer_id: actor.userId, store_id: store.id })
      .onConflict((oc) => oc.columns(["customer_id", "store_id"]).doNothing())
      .returning("store_id")
      .executeTakeFirst();
    if (!inserted) return { storeId: store.id, following: true, followerCount: store.follower_count };
    // The row lock of this update sees a store that closed after the read above.
    const updated = await trx
      .updateTable("stores")
      .set({ follower_count: sql<number>`follower_count + 1` })
      .where("id", "=", store.id)
      .returning(["follower_count", "status"])
      .executeTakeFirstOrThrow();
    if (updated.status === "closed") throw closedStore();
    return { storeId: store.id, following: true, followerCount: updated.follower_count };
  });
}

/** Unfollows a store; unfollowing a store not followed changes nothing. Works for closed stores too. */
export async function unfollowStore(db: Db, actor: Actor, params: { storeId: string }): Promise<FollowState> {
  return inTransaction(db, async (trx) => {
    const deleted = await trx
      .deleteFrom("store_follows")
      .where("customer_id", "=", actor.userId)
      .where("store_id", "=", params.storeId)
      .returning("store_id")
      .executeTakeFirst();
    const store = deleted
      ? await trx
          .updateTable("stores")
          .set({ follower_count: sql<number>`follower_count - 1` })
          .where("id", "=", params.storeId)
          .returning(["id", "follower_count"])
          .executeTakeFirst()
      : await trx
          .selectFrom("stores")
          .select(["id", "follower_count"])
          .where("id", "=", params.storeId)
          .executeTakeFirst();
    if (!store) throw new NotFoundError("Store");
    return { storeId: store.id, following: false, followerCount: store.follower_count };
  });
}
