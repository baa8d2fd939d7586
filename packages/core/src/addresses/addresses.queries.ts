import type { AddressTable } from "@niaga/db";
import type { Selectable } from "kysely";
import type { Db } from "../shared/db.ts";

export type AddressRow = Selectable<AddressTable>;

/**
 * Row lock on the customer's user row: every change to the default flag queues here, so
 * concurrent creates, deletes and setDefaults of one customer see each other's result.
 * (No key update: foreign keys pointing at the user stay free.)
 */
export async function lockAddressBook(db: Db, customerId: string): Promise<void> {
  await db.selectFrom("user").select("id").where("id", "=", customerId).forNoKeyUpdate().executeTakeFirst();
}

/** The book, default first, then newest first. */
export function findAddresses(db: Db, customerId: string): Promise<AddressRow[]> {
  return db
    .selectFrom("addresses")
    .selectAll()
    .where("customer_id", "=", customerId)
    .orderBy("is_default", "desc")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** The customer's address with this id (none when it is someone else's), as a builder to nest. */
export function addressQuery(db: Db, params: { customerId: string; addressId: string }) {
  return db
    .selectFrom("addresses")
    .selectAll()
    .where("id", "=", params.addressId)
    .where("customer_id", "=", params.customerId);
}

export function findAddress(db: Db, params: { customerId: string; addressId: string }) {
  return addressQuery(db, params).executeTakeFirst();
}

export async function countAddresses(db: Db, customerId: string): Promise<number> {
  const row = await db
    .selectFrom("addresses")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("customer_id", "=", customerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves the default flag to `addressId`: the old default is cleared first (the partial unique index). */
export async function moveDefault(db: Db, params: { customerId: string; addressId: string }): Promise<void> {
  await db
    .updateTable("addresses")
    .set({ is_default: false })
    .where("customer_id", "=", params.customerId)
    .where("is_default", "=", true)
    .where("id", "!=", params.addressId)
    .execute();
  await db
    .updateTable("addresses")
    .set({ is_default: true })
    .where("id", "=", params.addressId)
    .where("customer_id", "=", params.customerId)
    .execute();
}

/** The customer's most recently created address, if any. */
export function findNewestAddress(db: Db, customerId: string) {
  return db
    .selectFrom("addresses")
    .select("id")
    .where("customer_id", "=", customerId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}
