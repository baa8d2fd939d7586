import type { UpsertShippingRateInput } from "@niaga/contracts";
import { upsertShippingRateInputSchema } from "@niaga/contracts";
import { listAuditLog } from "@niaga/core/audit/audit";
import { billableKilograms } from "@niaga/core/shipping/rate-table.pricing";
import { createRateTableProvider } from "@niaga/core/shipping/rate-table.provider";
import { defaultRateTable, seedDefaultRateTable } from "@niaga/core/shipping/rate-table.seed";
import { deleteShippingRate, listShippingRates, upsertShippingRate } from "@niaga/core/shipping/rate-table.service";
import type { ShippingQuoteRequest } from "@niaga/core/shipping/shipping.provider";
import { quoteChosenService } from "@niaga/core/shipping/shipping.provider";
import type { Actor } from "@niaga/core/users/users.service";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { insertUser } from "./support/catalog-fixtures.ts";

let database: TestDatabase;
let admin: Actor;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = await insertUser(database.db, "admin");
});
afterAll(() => database.drop());
// Every test states its own table.
beforeEach(async () => {
  await database.db.deleteFrom("shipping_rates").execute();
});

function rate(overrides: Partial<Record<keyof UpsertShippingRateInput, unknown>>): UpsertShippingRateInput {
  return upsertShippingRateInputSchema.parse({
    originRegion: "Jawa Barat",
    destinationRegion: "Jawa Barat",
    courier: "jne",
    service: "REG",
    description: "Layanan Reguler",
    firstKgPrice: 900_000,
    nextKgPrice: 600_000,
    etaDays: { min: 1, max: 2 },
    ...overrides,
  });
}

const bandung = { city: "Bandung", postalCode: "40111", region: "Jawa Barat" };
const bogor = { city: "Bogor", postalCode: "16111", region: "jawa barat" };
const surabaya = { city: "Surabaya", postalCode: "60119", region: "Jawa Timur" };
const jayapura = { city: "Jayapura", postalCode: "99111", region: "Papua" };
const request = (destination = bogor, weightGrams = 1000, courier?: string): ShippingQuoteRequest => ({
  origin: bandung,
  destination,
  weightGrams,
  ...(courier && { courier }),
});

async function codeOf(promise: Promise<unknown>) {
  return promise.then(
    () => "OK",
    (error: { code?: string }) => error.code,
  );
}

describe("rate table quotes", () => {
  it("rounds weight up to whole kilograms: first kilogram, then each further one", async () => {
    expect([1, 999, 1000, 1001, 2000, 2001].map(billableKilograms)).toEqual([1, 1, 1, 2, 2, 3]);
    await upsertShippingRate(database.db, admin, rate({}));
    const provider = createRateTableProvider(database.db);
    const priceAt = async (grams: number) => (await provider.quote(request(bogor, grams)))[0]?.price;
    expect(await priceAt(1)).toBe(900_000);
    expect(await priceAt(1000)).toBe(900_000);
    expect(await priceAt(1001)).toBe(1_500_000);
    expect(await priceAt(3500)).toBe(900_000 + 3 * 600_000);
  });

  it("matches regions case-insensitively and lets the most specific row win over wildcards", async () => {
    await upsertShippingRate(database.db, admin, rate({}));
    await upsertShippingRate(database.db, admin, rate({ destinationRegion: "*", firstKgPrice: 2_000_000 }));
    await upsertShippingRate(
      database.db,
      admin,
      rate({
        originRegion: "*",
        destinationRegion: "*",
        service: "YES",
        firstKgPrice: 5_000_000,
        etaDays: { min: 1, max: 1 },
      }),
    );
    await upsertShippingRate(
      database.db,
      admin,
      rate({ courier: "pos", service: "Pos Reguler", firstKgPrice: 800_000 }),
    );
    const provider = createRateTableProvider(database.db);

    // Within the province: the exact row, cheapest first, plus the nationwide YES.
    expect(await provider.quote(request(bogor))).toEqual([
      {
        courier: "pos",
        service: "Pos Reguler",
        description: "Layanan Reguler",
        price: 800_000,
        etaDays: { min: 1, max: 2 },
      },
      { courier: "jne", service: "REG", description: "Layanan Reguler", price: 900_000, etaDays: { min: 1, max: 2 } },
      { courier: "jne", service: "YES", description: "Layanan Reguler", price: 5_000_000, etaDays: { min: 1, max: 1 } },
    ]);
    // Out of the province: the "*" destination row prices REG; pos has no row there.
    const toSurabaya = await provider.quote(request(surabaya));
    expect(toSurabaya.map((quote) => [quote.courier, quote.service, quote.price])).toEqual([
      ["jne", "REG", 2_000_000],
      ["jne", "YES", 5_000_000],
    ]);
    // A courier filter narrows the answer.
    expect((await provider.quote(request(bogor, 1000, "POS"))).map((quote) => quote.courier)).toEqual(["pos"]);
  });

  it("answers INVALID with a clear message for a route no row covers, and for a parcel too heavy", async () => {
    await upsertShippingRate(database.db, admin, rate({ maxWeightGrams: 5000 }));
    const provider = createRateTableProvider(database.db);
    await expect(provider.quote(request(jayapura))).rejects.toMatchObject({
      code: "INVALID",
      message: "No shipping service delivers from Bandung (Jawa Barat) to Jayapura (Papua) for 1000 g",
      fields: { shipping: ["No shipping service delivers from Bandung (Jawa Barat) to Jayapura (Papua) for 1000 g"] },
    });
    expect((await provider.quote(request(bogor, 5000)))[0]?.price).toBe(900_000 + 4 * 600_000);
    expect(await codeOf(provider.quote(request(bogor, 5001)))).toBe("INVALID");
    expect(await codeOf(provider.quote(request(bogor, 1000, "tiki")))).toBe("INVALID");
  });

  it("quoteChosenService returns the chosen service or INVALID naming what is offered", async () => {
    await upsertShippingRate(database.db, admin, rate({}));
    await upsertShippingRate(database.db, admin, rate({ service: "YES", firstKgPrice: 1_800_000 }));
    const provider = createRateTableProvider(database.db);
    expect(await quoteChosenService(provider, request(bogor, 1500), { courier: "JNE", service: "yes" })).toEqual({
      courier: "jne",
      service: "YES",
      description: "Layanan Reguler",
      price: 1_800_000 + 600_000,
      etaDays: { min: 1, max: 2 },
    });
    await expect(
      quoteChosenService(provider, request(bogor), { courier: "jne", service: "OKE" }),
    ).rejects.toMatchObject({
      code: "INVALID",
      message: "jne OKE is not offered from Bandung (Jawa Barat) to Bogor (jawa barat) for 1000 g (offered: REG, YES)",
    });
    await expect(
      quoteChosenService(provider, request(jayapura), { courier: "jne", service: "REG" }),
    ).rejects.toMatchObject({ code: "INVALID", fields: { shipping: [expect.stringContaining("not offered")] } });
  });
});

describe("managing the rate table", () => {
  it("upserts by route key (regions case-insensitive), lists, deletes, and audits each change", async () => {
    const created = await upsertShippingRate(database.db, admin, rate({}));
    const replaced = await upsertShippingRate(
      database.db,
      admin,
      rate({ originRegion: "JAWA BARAT", destinationRegion: "jawa  barat", firstKgPrice: 1_000_000 }),
    );
    expect(replaced.id).toBe(created.id);
    expect(replaced).toMatchObject({
      originRegion: "JAWA BARAT",
      destinationRegion: "jawa barat",
      firstKgPrice: 1_000_000,
    });
    await upsertShippingRate(database.db, admin, rate({ courier: "pos", service: "Pos Reguler" }));
    expect((await listShippingRates(database.db, {})).map((row) => row.courier)).toEqual(["jne", "pos"]);
    expect((await listShippingRates(database.db, { courier: "pos" })).map((row) => row.courier)).toEqual(["pos"]);

    expect(await deleteShippingRate(database.db, admin, { id: created.id })).toEqual({ id: created.id });
    expect(await codeOf(deleteShippingRate(database.db, admin, { id: created.id }))).toBe("NOT_FOUND");
    const audit = await listAuditLog(database.db, { targetType: "shipping_rate", targetId: created.id, limit: 10 });
    expect(audit.map((entry) => entry.action)).toEqual([
      "shipping_rate.deleted",
      "shipping_rate.upserted",
      "shipping_rate.upserted",
    ]);
    expect(audit[0]).toMatchObject({ actorId: admin.userId, data: { firstKgPrice: 1_000_000, courier: "jne" } });
  });

  it("keeps one row per key under concurrent upserts", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        upsertShippingRate(database.db, admin, rate({ firstKgPrice: 100_000 * (index + 1) })),
      ),
    );
    expect(new Set(results.map((row) => row.id)).size).toBe(1);
    const rows = await listShippingRates(database.db, {});
    expect(rows).toHaveLength(1);
    expect(results.map((row) => row.firstKgPrice)).toContain(rows[0]?.firstKgPrice);
  });

  it("validates rate input with field messages", () => {
    const result = upsertShippingRateInputSchema.safeParse({
      originRegion: "",
      destinationRegion: "*",
      courier: "J N E",
      service: "REG",
      firstKgPrice: 10.5,
      nextKgPrice: -1,
      etaDays: { min: 3, max: 2 },
    });
    const fields = Object.fromEntries(
      (result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]),
    );
    expect(fields).toEqual({
      originRegion: "Region is required (or * for any region)",
      courier: "Courier is a short code such as jne, pos or tiki",
      firstKgPrice: "Price is a whole number of minor units",
      nextKgPrice: "Price cannot be negative",
      "etaDays.max": "The longest ETA cannot be below the shortest",
    });
  });

  it("seeds the default table once, keeping an admin's edits, and quotes every route from it", async () => {
    const first = await seedDefaultRateTable(database.db);
    expect(first.inserted).toBe(defaultRateTable().length);
    const jakartaReg = (await listShippingRates(database.db, { originRegion: "DKI Jakarta", courier: "jne" })).find(
      (row) => row.destinationRegion === "DKI Jakarta" && row.service === "REG",
    );
    expect(jakartaReg?.firstKgPrice).toBe(900_000);
    await upsertShippingRate(
      database.db,
      admin,
      rate({ originRegion: "DKI Jakarta", destinationRegion: "DKI Jakarta", firstKgPrice: 1 }),
    );
    expect(await seedDefaultRateTable(database.db)).toEqual({ inserted: 0 });
    const provider = createRateTableProvider(database.db);
    const toPapua = await provider.quote(request(jayapura, 2500));
    expect(toPapua.map((quote) => `${quote.courier} ${quote.service}`).sort()).toEqual([
      "jne REG",
      "jne YES",
      "pos Pos Reguler",
      "tiki ECO",
    ]);
    expect(toPapua.find((quote) => quote.service === "REG")?.price).toBe(2_800_000 + 2 * 2_200_000);
  });
});
