import type { CreateLocationInput, StockLocation, UpdateLocationInput } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import type { Actor } from "../users/users.service.ts";
import { toStockLocation } from "./stores.mappers.ts";
import { findLocation, findLocations, lockStore } from "./stores.queries.ts";
import { requireSellerStore } from "./stores.service.ts";

export async function listLocations(db: Db, actor: Actor): Promise<StockLocation[]> {
  const store = await requireSellerStore(db, actor.userId);
  return (await findLocations(db, store.id)).map(toStockLocation);
}

/**
 * Exactly one default per store: changes to the flag run under the store's row lock, clearing
 * the old default before setting the new one (the partial unique index backs this up).
 */
async function makeDefault(db: Db, storeId: string, locationId: string): Promise<void> {
  await db
    .updateTable("stock_locations")
    .set({ is_default: false })
    .where("store_id", "=", storeId)
    .where("is_default", "=", true)
    .where("id", "!=", locationId)
    .execute();
  await db.updateTable("stock_locations").set({ is_default: true }).where("id", "=", locationId).execute();
}

export async function createLocation(db: Db, actor: Actor, input: CreateLocationInput): Promise<StockLocation> {
  const store = await requireSellerStore(db, actor.userId);
  return inTransaction(db, async (trx) => {
    await lockStore(trx, store.id);
    const id = newId();
    await trx
      .insertInto("stock_locations")
      .values({
        id,
        store_id: store.id,
        name: input.name,
        address_line: input.address.line,
        city: input.address.city,
        postal_code: input.address.postalCode,
        region: input.address.region,
      })
      .execute();
    if (input.isDefault) await makeDefault(trx, store.id, id);
    const row = await findLocation(trx, { storeId: store.id, locationId: id });
    if (!row) throw new NotFoundError("Stock location");
    return toStockLocation(row);
  });
}

export async function updateLocation(db: Db, actor: Actor, input: UpdateLocationInput): Promise<StockLocation> {
  const store = await requireSellerStore(db, actor.userId);
  const { data } = input;
  const row = await db
    .updateTable("stock_locations")
    .set({
      ...(data.name !== undefined && { name: data.name }),
      ...(data.address && {
        address_line: data.address.line,
        city: data.address.city,
        postal_code: data.address.postalCode,
        region: data.address.region,
      }),
    })
    .where("id", "=", input.id)
    .where("store_id", "=", store.id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError("Stock location");
  return toStockLocation(row);
}

export async function setDefaultLocation(db: Db, actor: Actor, params: { id: string }): Promise<StockLocation[]> {
  const store = await requireSellerStore(db, actor.userId);
  return inTransaction(db, async (trx) => {
    await lockStore(trx, store.id);
    if (!(await findLocation(trx, { storeId: store.id, locationId: params.id }))) {
      throw new NotFoundError("Stock location");
    }
    await makeDefault(trx, store.id, params.id);
    return (await findLocations(trx, store.id)).map(toStockLocation);
  });
}
