import {
  createLocation,
  listLocations,
  setDefaultLocation,
  updateLocation,
} from "@niaga/core/stores/locations.service";
import { createStore, getMyStore, getPublicStore, updateStore } from "@niaga/core/stores/stores.service";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, productFor, sellerWithStore, someCategory } from "./support/catalog-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const address = { line: "Jl. Asia Afrika 8", city: "Bandung", postalCode: "40111", region: "Jawa Barat" };

async function fail(promise: Promise<unknown>) {
  return promise.then(
    () => ({ code: "OK", fields: undefined }),
    (error: { code?: string; fields?: Record<string, string[]> }) => ({ code: error.code, fields: error.fields }),
  );
}

describe("stores", () => {
  it("creates a store with a default location from its address, once per seller", async () => {
    const seller = await insertUser(database.db);
    const store = await createStore(database.db, seller, {
      name: "Toko Maju",
      slug: "toko-maju",
      description: "Serba ada",
      contact: { email: "maju@example.com", phone: "081234567890" },
      address,
    });
    expect(store).toMatchObject({ slug: "toko-maju", status: "open", productCount: 0, address });
    expect(store.rating).toEqual({ average: null, count: 0, histogram: [0, 0, 0, 0, 0] });
    const locations = await listLocations(database.db, seller);
    expect(locations).toHaveLength(1);
    expect(locations[0]).toMatchObject({ isDefault: true, address });
    const again = await fail(
      createStore(database.db, seller, { name: "Dua", slug: "toko-dua", description: "", contact: {}, address }),
    );
    expect(again.code).toBe("CONFLICT");
  });

  it("answers CONFLICT with a slug field error for a taken slug, on create and update", async () => {
    await sellerWithStore(database.db, { slug: "sudah-ada" });
    const other = await insertUser(database.db);
    const taken = await fail(
      createStore(database.db, other, { name: "X", slug: "sudah-ada", description: "", contact: {}, address }),
    );
    expect(taken).toEqual({ code: "CONFLICT", fields: { slug: ["This slug is already in use"] } });
    const { seller } = await sellerWithStore(database.db);
    const renamed = await fail(updateStore(database.db, seller, { data: { slug: "sudah-ada" } }));
    expect(renamed.code).toBe("CONFLICT");
  });

  it("serialises two concurrent creates by one seller: one store", async () => {
    const seller = await insertUser(database.db);
    const results = await Promise.all(
      ["a", "b", "c"].map((suffix) =>
        fail(
          createStore(database.db, seller, {
            name: "Race",
            slug: `race-${suffix}-${seller.userId.slice(0, 6)}`,
            description: "",
            contact: {},
            address,
          }),
        ),
      ),
    );
    expect(results.filter((result) => result.code === "OK")).toHaveLength(1);
    expect(results.filter((result) => result.code === "CONFLICT")).toHaveLength(2);
  });

  it("updates profile and status; the public page shows rating, followers and visible product count", async () => {
    const { seller, store } = await sellerWithStore(database.db);
    const updated = await updateStore(database.db, seller, { data: { name: "Toko Baru", status: "holiday" } });
    expect(updated).toMatchObject({ name: "Toko Baru", status: "holiday" });
    const category = await someCategory(database.db);
    await productFor(database.db, seller, category.id);
    await productFor(database.db, seller, category.id, { status: "draft" });
    await database.db
      .updateTable("stores")
      .set({ rating_sum: 9, rating_count: 2, rating_histogram: [0, 0, 0, 1, 1], follower_count: 3 })
      .where("id", "=", store.id)
      .execute();
    const page = await getPublicStore(database.db, store.slug);
    expect(page).toMatchObject({ name: "Toko Baru", productCount: 1, followerCount: 3, status: "holiday" });
    expect(page.rating).toEqual({ average: 4.5, count: 2, histogram: [0, 0, 0, 1, 1] });
    expect(page).not.toHaveProperty("contact");
    expect((await getMyStore(database.db, seller)).productCount).toBe(1);
    expect((await fail(getPublicStore(database.db, "tidak-ada"))).code).toBe("NOT_FOUND");
  });
});

describe("stock locations", () => {
  it("keeps exactly one default, even under concurrent setDefault calls", async () => {
    const { seller } = await sellerWithStore(database.db);
    const created = await Promise.all(
      ["Gudang A", "Gudang B", "Gudang C", "Gudang D"].map((name) =>
        createLocation(database.db, seller, { name, address, isDefault: false }),
      ),
    );
    await Promise.all(created.map((location) => setDefaultLocation(database.db, seller, { id: location.id })));
    const locations = await listLocations(database.db, seller);
    expect(locations).toHaveLength(5);
    expect(locations.filter((location) => location.isDefault)).toHaveLength(1);
    const made = await createLocation(database.db, seller, { name: "Gudang Baru", address, isDefault: true });
    const after = await listLocations(database.db, seller);
    expect(after.filter((location) => location.isDefault).map((location) => location.id)).toEqual([made.id]);
  });

  it("hides another seller's locations (NOT_FOUND)", async () => {
    const { seller } = await sellerWithStore(database.db);
    const { defaultLocationId } = await sellerWithStore(database.db);
    expect((await fail(setDefaultLocation(database.db, seller, { id: defaultLocationId }))).code).toBe("NOT_FOUND");
    expect(
      (await fail(updateLocation(database.db, seller, { id: defaultLocationId, data: { name: "Mine now" } }))).code,
    ).toBe("NOT_FOUND");
  });

  it("asks a seller without a store to create one (NOT_FOUND)", async () => {
    const seller = await insertUser(database.db);
    expect((await fail(getMyStore(database.db, seller))).code).toBe("NOT_FOUND");
  });
});
