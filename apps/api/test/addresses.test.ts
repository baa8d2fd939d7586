import type { NiagaClient } from "@niaga/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const ADDRESS = {
  recipient: "Citra Customer",
  phone: "+62 812 3456 7890",
  line: "Jl. Asia Afrika 8",
  city: "Bandung",
  postalCode: "40111",
  region: "Jawa Barat",
};

async function customer(): Promise<NiagaClient> {
  return api.client((await api.userWithRole("customer")).token);
}

describe("address book over HTTP", () => {
  it("creates, lists, updates, moves the default and deletes", async () => {
    const client = await customer();
    const home = await client.customer.addresses.create.mutate({ ...ADDRESS, note: "Pagar hijau" });
    expect(home).toMatchObject({ ...ADDRESS, phone: "+6281234567890", note: "Pagar hijau", isDefault: true });
    const office = await client.customer.addresses.create.mutate({ ...ADDRESS, recipient: "Kantor", city: "Cimahi" });
    expect(office.isDefault).toBe(false);

    const updated = await client.customer.addresses.update.mutate({ id: office.id, data: { postalCode: "40511" } });
    expect(updated).toMatchObject({ city: "Cimahi", postalCode: "40511", isDefault: false });

    const moved = await client.customer.addresses.setDefault.mutate({ id: office.id });
    expect(moved.map((address) => [address.id, address.isDefault])).toEqual([
      [office.id, true],
      [home.id, false],
    ]);
    const afterDelete = await client.customer.addresses.delete.mutate({ id: office.id });
    expect(afterDelete.map((address) => [address.id, address.isDefault])).toEqual([[home.id, true]]);
    expect((await client.customer.addresses.list.query()).map((address) => address.id)).toEqual([home.id]);
  });

  it("keeps exactly one default when many setDefault requests race", async () => {
    const client = await customer();
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) ids.push((await client.customer.addresses.create.mutate(ADDRESS)).id);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        codeOf(client.customer.addresses.setDefault.mutate({ id: ids[index % ids.length] ?? "" })),
      ),
    );
    expect(results).toEqual(Array(20).fill("OK"));
    const book = await client.customer.addresses.list.query();
    expect(book.filter((address) => address.isDefault)).toHaveLength(1);
  });

  it("answers NOT_FOUND for another customer's address", async () => {
    const owner = await customer();
    const stranger = await customer();
    const address = await owner.customer.addresses.create.mutate(ADDRESS);
    expect(await codeOf(stranger.customer.addresses.update.mutate({ id: address.id, data: { city: "X" } }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(stranger.customer.addresses.setDefault.mutate({ id: address.id }))).toBe("NOT_FOUND");
    expect(await codeOf(stranger.customer.addresses.delete.mutate({ id: address.id }))).toBe("NOT_FOUND");
    expect(await stranger.customer.addresses.list.query()).toEqual([]);
    expect((await owner.customer.addresses.list.query()).map((entry) => entry.id)).toEqual([address.id]);
  });

  it("names the offending fields", async () => {
    const client = await customer();
    const error = await client.customer.addresses.create
      .mutate({ ...ADDRESS, phone: "abc", postalCode: "123", region: "" })
      .catch((caught) => caught);
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: {
        phone: ["Phone must be 8–16 digits, optionally starting with +"],
        postalCode: ["Postal code is 5 digits"],
        region: ["Region (province) is required"],
      },
    });
    const empty = await client.customer.addresses.update.mutate({ id: "x", data: {} }).catch((caught) => caught);
    expect(empty.data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { data: ["Nothing to update"] } });
  });

  it("admits customers and sellers only", async () => {
    const seller = api.client((await api.userWithRole("seller")).token);
    expect((await seller.customer.addresses.create.mutate(ADDRESS)).isDefault).toBe(true);
    expect(await codeOf(api.client().customer.addresses.list.query())).toBe("UNAUTHORIZED");
    for (const role of ["manager", "admin", "superadmin"] as const) {
      const staff = api.client((await api.userWithRole(role)).token);
      expect(await codeOf(staff.customer.addresses.create.mutate(ADDRESS))).toBe("FORBIDDEN");
    }
  });
});
