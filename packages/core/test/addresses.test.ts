import type { CreateAddressInput, CustomerAddress } from "@niaga/contracts";
import { createAddressInputSchema, MAX_ADDRESSES, updateAddressInputSchema } from "@niaga/contracts";
import {
  createAddress,
  deleteAddress,
  getAddressForCustomer,
  listAddresses,
  setDefaultAddress,
  updateAddress,
} from "@niaga/core/addresses/addresses.service";
import type { Actor } from "@niaga/core/users/users.service";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "./support/catalog-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

function input(overrides: Partial<Record<keyof CreateAddressInput, unknown>> = {}): CreateAddressInput {
  return createAddressInputSchema.parse({
    recipient: "Citra",
    phone: "0812-3456-7890",
    line: "Jl. Asia Afrika 8",
    city: "Bandung",
    postalCode: "40111",
    region: "Jawa Barat",
    ...overrides,
  });
}

async function outcome(promise: Promise<unknown>) {
  return promise.then(
    () => "OK",
    (error: { code?: string; message?: string }) => error.code ?? `ERROR ${error.message}`,
  );
}

async function defaults(customer: Actor) {
  return (await listAddresses(database.db, customer)).filter((address) => address.isDefault).map((a) => a.id);
}

describe("the address book's default flag", () => {
  it("makes the first address the default, and a later one only when asked", async () => {
    const customer = await insertUser(database.db, "customer");
    const first = await createAddress(database.db, customer, input({ isDefault: false }));
    expect(first.isDefault).toBe(true);
    const second = await createAddress(database.db, customer, input({ recipient: "Budi" }));
    expect(second.isDefault).toBe(false);
    const third = await createAddress(database.db, customer, input({ recipient: "Ani", isDefault: true }));
    expect(third.isDefault).toBe(true);
    expect(await defaults(customer)).toEqual([third.id]);
    // Default first, then newest first.
    expect((await listAddresses(database.db, customer)).map((a) => a.id)).toEqual([third.id, second.id, first.id]);
    expect(first.phone).toBe("081234567890");
  });

  it("moves the default with setDefault and promotes the newest when the default is deleted", async () => {
    const customer = await insertUser(database.db, "customer");
    const a = await createAddress(database.db, customer, input());
    const b = await createAddress(database.db, customer, input());
    const c = await createAddress(database.db, customer, input());
    const book = await setDefaultAddress(database.db, customer, { id: b.id });
    expect(book.map((address) => [address.id, address.isDefault])).toEqual([
      [b.id, true],
      [c.id, false],
      [a.id, false],
    ]);
    expect((await deleteAddress(database.db, customer, { id: b.id })).map((x) => [x.id, x.isDefault])).toEqual([
      [c.id, true],
      [a.id, false],
    ]);
    // Deleting a non-default address leaves the default where it is.
    expect(await defaults(customer)).toEqual([c.id]);
    await deleteAddress(database.db, customer, { id: a.id });
    expect(await defaults(customer)).toEqual([c.id]);
    expect(await deleteAddress(database.db, customer, { id: c.id })).toEqual([]);
  });

  it("keeps exactly one default under concurrent setDefault calls", async () => {
    const customer = await insertUser(database.db, "customer");
    const addresses: CustomerAddress[] = [];
    for (let index = 0; index < 6; index++) addresses.push(await createAddress(database.db, customer, input()));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        outcome(setDefaultAddress(database.db, customer, { id: addresses[index % addresses.length]?.id ?? "" })),
      ),
    );
    expect(results).toEqual(Array(30).fill("OK"));
    expect(await defaults(customer)).toHaveLength(1);
  });

  it("keeps exactly one default when the first addresses are created and deleted concurrently", async () => {
    const customer = await insertUser(database.db, "customer");
    const created = await Promise.all(Array.from({ length: 10 }, () => createAddress(database.db, customer, input())));
    expect(created.filter((address) => address.isDefault)).toHaveLength(1);
    const [defaultAddress] = created.filter((address) => address.isDefault);
    const others = created.filter((address) => !address.isDefault).slice(0, 5);
    const results = await Promise.all([
      outcome(deleteAddress(database.db, customer, { id: defaultAddress?.id ?? "" })),
      ...others.map((address) => outcome(setDefaultAddress(database.db, customer, { id: address.id }))),
    ]);
    expect(results).toEqual(Array(6).fill("OK"));
    const book = await listAddresses(database.db, customer);
    expect(book).toHaveLength(9);
    expect(book.filter((address) => address.isDefault)).toHaveLength(1);
  });
});

describe("ownership and validation", () => {
  it("answers NOT_FOUND for another customer's address on every operation", async () => {
    const owner = await insertUser(database.db, "customer");
    const stranger = await insertUser(database.db, "customer");
    const address = await createAddress(database.db, owner, input());
    const data = updateAddressInputSchema.parse({ id: address.id, data: { city: "Garut" } });
    expect(await outcome(updateAddress(database.db, stranger, data))).toBe("NOT_FOUND");
    expect(await outcome(setDefaultAddress(database.db, stranger, { id: address.id }))).toBe("NOT_FOUND");
    expect(await outcome(deleteAddress(database.db, stranger, { id: address.id }))).toBe("NOT_FOUND");
    expect(
      await outcome(getAddressForCustomer(database.db, { customerId: stranger.userId, addressId: address.id })),
    ).toBe("NOT_FOUND");
    expect((await getAddressForCustomer(database.db, { customerId: owner.userId, addressId: address.id })).city).toBe(
      "Bandung",
    );
    expect(await listAddresses(database.db, stranger)).toEqual([]);
  });

  it("updates fields without touching the default flag, and clears the note with null", async () => {
    const customer = await insertUser(database.db, "customer");
    const address = await createAddress(database.db, customer, input({ note: "Pagar hijau" }));
    const updated = await updateAddress(
      database.db,
      customer,
      updateAddressInputSchema.parse({ id: address.id, data: { city: "Cimahi", postalCode: "40511", note: null } }),
    );
    expect(updated).toMatchObject({ city: "Cimahi", postalCode: "40511", note: null, isDefault: true });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(address.updatedAt.getTime());
  });

  it("refuses more than the maximum number of addresses", async () => {
    const customer = await insertUser(database.db, "customer");
    const rows = Array.from({ length: MAX_ADDRESSES }, (_, index) => ({
      id: `addr-${customer.userId}-${index}`,
      customer_id: customer.userId,
      recipient: "Citra",
      phone: "081234567890",
      line: "Jl. Braga",
      city: "Bandung",
      postal_code: "40111",
      region: "Jawa Barat",
      is_default: index === 0,
    }));
    await database.db.insertInto("addresses").values(rows).execute();
    expect(await outcome(createAddress(database.db, customer, input()))).toBe("INVALID");
  });

  it("validates fields with readable messages", () => {
    const result = createAddressInputSchema.safeParse({
      recipient: " ",
      phone: "12",
      line: "",
      city: "Bandung",
      postalCode: "4011",
      region: "",
    });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(
      (result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]),
    );
    expect(fields).toEqual({
      recipient: "Recipient is required",
      phone: "Phone must be 8–16 digits, optionally starting with +",
      line: "Street address is required",
      postalCode: "Postal code is 5 digits",
      region: "Region (province) is required",
    });
    expect(updateAddressInputSchema.safeParse({ id: "x", data: {} }).success).toBe(false);
  });
});
