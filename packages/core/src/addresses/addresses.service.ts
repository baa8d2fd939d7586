import type { CreateAddressInput, CustomerAddress, UpdateAddressInput } from "@niaga/contracts";
import { MAX_ADDRESSES } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import type { Actor } from "../users/users.service.ts";
import type { AddressRow } from "./addresses.queries.ts";
import {
  countAddresses,
  findAddress,
  findAddresses,
  findNewestAddress,
  lockAddressBook,
  moveDefault,
} from "./addresses.queries.ts";

// The default-flag rule: exactly one default whenever a customer has any address. The first
// address becomes the default, setDefault moves it, and deleting the default promotes the most
// recently created remaining address. Every change to the flag runs under the customer's row
// lock (lockAddressBook), and the partial unique index refuses a second default regardless.

function toCustomerAddress(row: AddressRow): CustomerAddress {
  return {
    id: row.id,
    recipient: row.recipient,
    phone: row.phone,
    line: row.line,
    city: row.city,
    postalCode: row.postal_code,
    region: row.region,
    note: row.note,
    isDefault: row.is_default,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The caller's address book, default first, then newest first. */
export async function listAddresses(db: Db, actor: Actor): Promise<CustomerAddress[]> {
  return (await findAddresses(db, actor.userId)).map(toCustomerAddress);
}

/**
 * One of the customer's addresses (checkout's destination); NOT_FOUND when the id is unknown
 * or belongs to someone else, so ids of other customers reveal nothing.
 */
export async function getAddressForCustomer(
  db: Db,
  params: { customerId: string; addressId: string },
): Promise<CustomerAddress> {
  return ownAddress(await findAddress(db, params));
}

/** An address row read for its customer (null or undefined: not theirs, or gone) as they see it. */
export function ownAddress(row: AddressRow | null | undefined): CustomerAddress {
  if (!row) throw new NotFoundError("Address");
  return toCustomerAddress(row);
}

/** Adds an address; the first one (or one created with `isDefault`) becomes the default. */
export async function createAddress(db: Db, actor: Actor, input: CreateAddressInput): Promise<CustomerAddress> {
  return inTransaction(db, async (trx) => {
    await lockAddressBook(trx, actor.userId);
    const count = await countAddresses(trx, actor.userId);
    if (count >= MAX_ADDRESSES) {
      throw new DomainError("INVALID", `An address book holds at most ${MAX_ADDRESSES} addresses`, {
        "": [`Delete an address before adding another (at most ${MAX_ADDRESSES})`],
      });
    }
    const id = newId();
    await trx
      .insertInto("addresses")
      .values({
        id,
        customer_id: actor.userId,
        recipient: input.recipient,
        phone: input.phone,
        line: input.line,
        city: input.city,
        postal_code: input.postalCode,
        region: input.region,
        note: input.note ?? null,
      })
      .execute();
    if (count === 0 || input.isDefault) await moveDefault(trx, { customerId: actor.userId, addressId: id });
    return getAddressForCustomer(trx, { customerId: actor.userId, addressId: id });
  });
}

/** Edits an address's fields; the default flag moves only through setDefaultAddress. */
export async function updateAddress(db: Db, actor: Actor, input: UpdateAddressInput): Promise<CustomerAddress> {
  const { data } = input;
  const row = await db
    .updateTable("addresses")
    .set({
      ...(data.recipient !== undefined && { recipient: data.recipient }),
      ...(data.phone !== undefined && { phone: data.phone }),
      ...(data.line !== undefined && { line: data.line }),
      ...(data.city !== undefined && { city: data.city }),
      ...(data.postalCode !== undefined && { postal_code: data.postalCode }),
      ...(data.region !== undefined && { region: data.region }),
      ...(data.note !== undefined && { note: data.note }),
      updated_at: new Date(),
    })
    .where("id", "=", input.id)
    .where("customer_id", "=", actor.userId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError("Address");
  return toCustomerAddress(row);
}

/** Makes one address the default; returns the whole book. */
export async function setDefaultAddress(db: Db, actor: Actor, params: { id: string }): Promise<CustomerAddress[]> {
  return inTransaction(db, async (trx) => {
    await lockAddressBook(trx, actor.userId);
    if (!(await findAddress(trx, { customerId: actor.userId, addressId: params.id }))) {
      throw new NotFoundError("Address");
    }
    await moveDefault(trx, { customerId: actor.userId, addressId: params.id });
    return listAddresses(trx, actor);
  });
}

/** Deletes an address; deleting the default promotes the newest remaining one. Returns the book. */
export async function deleteAddress(db: Db, actor: Actor, params: { id: string }): Promise<CustomerAddress[]> {
  return inTransaction(db, async (trx) => {
    await lockAddressBook(trx, actor.userId);
    const deleted = await trx
      .deleteFrom("addresses")
      .where("id", "=", params.id)
      .where("customer_id", "=", actor.userId)
      .returning(["id", "is_default"])
      .executeTakeFirst();
    if (!deleted) throw new NotFoundError("Address");
    if (deleted.is_default) {
      const newest = await findNewestAddress(trx, actor.userId);
      if (newest) await moveDefault(trx, { customerId: actor.userId, addressId: newest.id });
    }
    return listAddresses(trx, actor);
  });
}
