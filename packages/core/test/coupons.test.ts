import type { CreatePlatformCouponInput, CreateStoreCouponInput } from "@niaga/contracts";
import { allocateAcrossStores } from "@niaga/core/coupons/coupons.allocation";
import type { CouponLine } from "@niaga/core/coupons/coupons.checkout";
import {
  confirmCouponRedemptions,
  evaluateCoupons,
  redeemCoupons,
  releaseCouponRedemptions,
} from "@niaga/core/coupons/coupons.checkout";
import { CODE_ALPHABET } from "@niaga/core/coupons/coupons.codes";
import { couponReport, getCoupon, listStoreCoupons } from "@niaga/core/coupons/coupons.read";
import { createPlatformCoupon, createStoreCoupon, deactivateCoupon } from "@niaga/core/coupons/coupons.service";
import { DomainError } from "@niaga/core/shared/errors";
import { newId } from "@niaga/core/shared/ids";
import type { Actor } from "@niaga/core/users/users.service";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, productFor, sellerWithStore, someCategory } from "./support/catalog-fixtures.ts";

let database: TestDatabase;
let admin: Actor;
let categoryId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = await insertUser(database.db, "admin");
  categoryId = (await someCategory(database.db)).id;
});
afterAll(() => database.drop());

const HOUR = 3_600_000;
const uniqueCode = (prefix = "HEMAT") => `${prefix}${newId(8).toUpperCase()}`;

function platformInput(overrides: Partial<CreatePlatformCouponInput> = {}): CreatePlatformCouponInput {
  return {
    name: "Promo platform",
    discount: { kind: "percentage", percentBps: 1000 },
    minSpend: 0,
    startsAt: new Date(Date.now() - HOUR),
    combinable: false,
    codes: { mode: "single", code: uniqueCode() },
    productIds: [],
    categoryIds: [],
    ...overrides,
  };
}

function storeInput(overrides: Partial<CreateStoreCouponInput> = {}): CreateStoreCouponInput {
  const { categoryIds: _ignored, ...rest } = platformInput();
  return { ...rest, name: "Promo toko", ...overrides };
}

/** The one code of a single-code coupon. */
async function platformCode(overrides: Partial<CreatePlatformCouponInput> = {}) {
  const created = await createPlatformCoupon(database.db, admin, platformInput(overrides));
  return { coupon: created.coupon, code: created.codes[0] ?? "" };
}

function line(storeId: string, unitPrice: number, quantity = 1, extra: Partial<CouponLine> = {}): CouponLine {
  return { variantId: newId(), productId: newId(), storeId, categoryId, unitPrice, quantity, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

function redeemInOwnTransaction(params: { customerId: string; codes: string[]; lines: CouponLine[] }) {
  const checkoutId = newId();
  return database.db
    .transaction()
    .execute(async (trx) => {
      const applied = await redeemCoupons(trx, { checkoutId, ...params });
      // Hold the lock a moment, as a checkout does while it reserves stock.
      await sql`select pg_sleep(0.01)`.execute(trx);
      return applied;
    })
    .then(
      () => ({ outcome: "OK", checkoutId }),
      (error: { code?: string; message?: string }) => ({ outcome: error.code ?? `ERROR ${error.message}`, checkoutId }),
    );
}

async function usedCount(couponId: string) {
  const row = await database.db
    .selectFrom("coupons")
    .select("used_count")
    .where("id", "=", couponId)
    .executeTakeFirstOrThrow();
  return row.used_count;
}

describe("creating coupons", () => {
  it("refuses bad percentages with a field message", async () => {
    for (const percentBps of [0, 10_001, 12.5]) {
      const error = await failure(
        createPlatformCoupon(database.db, admin, platformInput({ discount: { kind: "percentage", percentBps } })),
      );
      expect(error.code).toBe("INVALID");
      expect(Object.keys(error.fields ?? {})).toEqual(["discount.percentBps"]);
    }
  });

  it("refuses inconsistent limits, caps and windows on the field to fix", async () => {
    const limits = await failure(
      createPlatformCoupon(database.db, admin, platformInput({ usageLimit: 5, perCustomerLimit: 6 })),
    );
    expect(limits.fields).toEqual({ perCustomerLimit: ["The per-customer limit cannot exceed the usage limit"] });
    const cap = await failure(
      createPlatformCoupon(
        database.db,
        admin,
        platformInput({ discount: { kind: "fixed", amount: 50_000 }, maxDiscount: 20_000 }),
      ),
    );
    expect(cap.fields).toEqual({ maxDiscount: ["The maximum discount cannot be below the fixed amount"] });
    const startsAt = new Date();
    const window = await failure(
      createPlatformCoupon(database.db, admin, platformInput({ startsAt, endsAt: new Date(startsAt.getTime() - 1) })),
    );
    expect(window.code).toBe("INVALID");
    expect(window.fields).toEqual({ endsAt: ["The end must be after the start"] });
    const negative = await failure(createPlatformCoupon(database.db, admin, platformInput({ minSpend: -1 })));
    expect(Object.keys(negative.fields ?? {})).toEqual(["minSpend"]);
  });

  it("keeps a seller's coupon to their own products, and a code unique whatever its case", async () => {
    const mine = await sellerWithStore(database.db);
    const other = await sellerWithStore(database.db);
    const foreign = await productFor(database.db, other.seller, categoryId);
    const error = await failure(createStoreCoupon(database.db, mine.seller, storeInput({ productIds: [foreign.id] })));
    expect(error.code).toBe("INVALID");
    expect(error.fields?.productIds?.[0]).toContain(foreign.id);

    const code = uniqueCode();
    const created = await createStoreCoupon(database.db, mine.seller, storeInput({ codes: { mode: "single", code } }));
    expect(created.coupon).toMatchObject({ scope: "store", storeId: mine.store.id, codeCount: 1, usedCount: 0 });
    const taken = await failure(
      createStoreCoupon(database.db, other.seller, storeInput({ codes: { mode: "single", code: code.toLowerCase() } })),
    );
    expect(taken.code).toBe("CONFLICT");
    expect(taken.fields).toEqual({ "codes.code": ["This code is taken"] });
  });

  it("creates a batch of unique readable codes that the coupon's page of codes walks through", async () => {
    const created = await createPlatformCoupon(
      database.db,
      admin,
      platformInput({ codes: { mode: "batch", count: 250, prefix: "xmas" } }),
    );
    expect(created.codes).toHaveLength(250);
    expect(new Set(created.codes).size).toBe(250);
    const pattern = new RegExp(`^XMAS-[${CODE_ALPHABET}]{8}$`);
    for (const code of created.codes) expect(code).toMatch(pattern);
    expect(created.coupon.codeCount).toBe(250);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await getCoupon(database.db, admin, { id: created.coupon.id, codesLimit: 100, codesCursor: cursor });
      seen.push(...page.codes.items);
      cursor = page.codes.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...created.codes].sort());
  });
});

describe("evaluating coupons", () => {
  it("takes a percentage of the eligible subtotal, rounded down and capped", async () => {
    const storeId = (await sellerWithStore(database.db)).store.id;
    const customerId = (await insertUser(database.db, "customer")).userId;
    const { code } = await platformCode({ discount: { kind: "percentage", percentBps: 1250 } });
    const [applied] = await evaluateCoupons(database.db, {
      customerId,
      codes: [code.toLowerCase()],
      lines: [line(storeId, 4_999, 2), line(storeId, 3)],
    });
    // 12.5% of 10001 = 1250.125 → 1250.
    expect(applied).toEqual({
      couponId: applied?.couponId,
      code,
      scope: "platform",
      storeId: null,
      discount: 1250,
      allocations: [{ storeId, amount: 1250 }],
    });
    const capped = await platformCode({ discount: { kind: "percentage", percentBps: 5000 }, maxDiscount: 700 });
    const [cappedApplied] = await evaluateCoupons(database.db, {
      customerId,
      codes: [capped.code],
      lines: [line(storeId, 10_000)],
    });
    expect(cappedApplied?.discount).toBe(700);
    const fixed = await platformCode({ discount: { kind: "fixed", amount: 25_000 } });
    const [fixedApplied] = await evaluateCoupons(database.db, {
      customerId,
      codes: [fixed.code],
      lines: [line(storeId, 9_000)],
    });
    expect(fixedApplied?.discount).toBe(9_000);
  });

  it("checks the minimum spend on the eligible subtotal only", async () => {
    const storeId = (await sellerWithStore(database.db)).store.id;
    const customerId = (await insertUser(database.db, "customer")).userId;
    const other = (await someCategory(database.db)).id;
    const { code } = await platformCode({ minSpend: 100_000, categoryIds: [categoryId] });
    const lines = [line(storeId, 60_000), line(storeId, 90_000, 1, { categoryId: other })];
    const error = await failure(evaluateCoupons(database.db, { customerId, codes: [code], lines }));
    expect(error.code).toBe("INVALID");
    expect(error.fields?.coupons).toEqual([
      `Coupon ${code} needs a spend of at least 100000 on eligible items (you have 60000)`,
    ]);
    const [applied] = await evaluateCoupons(database.db, {
      customerId,
      codes: [code],
      lines: [...lines, line(storeId, 40_000)],
    });
    expect(applied?.discount).toBe(10_000);
  });

  it("limits scope to categories with their subcategories, or to listed products", async () => {
    const { store, seller } = await sellerWithStore(database.db);
    const customerId = (await insertUser(database.db, "customer")).userId;
    const parent = (await someCategory(database.db)).id;
    const child = (await someCategory(database.db, parent)).id;
    const byCategory = await platformCode({ categoryIds: [parent] });
    const [applied] = await evaluateCoupons(database.db, {
      customerId,
      codes: [byCategory.code],
      lines: [line(store.id, 10_000, 1, { categoryId: child }), line(store.id, 50_000)],
    });
    expect(applied?.discount).toBe(1_000);
    const outOfScope = await failure(
      evaluateCoupons(database.db, { customerId, codes: [byCategory.code], lines: [line(store.id, 50_000)] }),
    );
    expect(outOfScope.fields?.coupons).toEqual([`Coupon ${byCategory.code} does not apply to any item in your cart`]);

    const product = await productFor(database.db, seller, categoryId);
    const byProduct = await createStoreCoupon(database.db, seller, storeInput({ productIds: [product.id] }));
    const code = byProduct.codes[0] ?? "";
    const [storeApplied] = await evaluateCoupons(database.db, {
      customerId,
      codes: [code],
      lines: [line(store.id, 20_000, 2, { productId: product.id }), line(store.id, 70_000)],
    });
    expect(storeApplied).toMatchObject({ scope: "store", storeId: store.id, discount: 4_000 });
    const otherStore = (await sellerWithStore(database.db)).store.id;
    const elsewhere = await failure(
      evaluateCoupons(database.db, {
        customerId,
        codes: [code],
        lines: [line(otherStore, 20_000, 1, { productId: product.id })],
      }),
    );
    expect(elsewhere.fields?.coupons).toEqual([`Coupon ${code} does not apply to any item in your cart`]);
  });

  it("honours the validity window, deactivation and unknown codes", async () => {
    const storeId = (await sellerWithStore(database.db)).store.id;
    const customerId = (await insertUser(database.db, "customer")).userId;
    const startsAt = new Date("2026-12-01T00:00:00Z");
    const endsAt = new Date("2026-12-12T00:00:00Z");
    const { code, coupon } = await platformCode({ startsAt, endsAt });
    const lines = [line(storeId, 10_000)];
    const at = (iso: string) => evaluateCoupons(database.db, { customerId, codes: [code], lines, now: new Date(iso) });
    expect((await failure(at("2026-11-30T23:59:59Z"))).message).toBe(`Coupon ${code} is not valid yet`);
    expect((await at("2026-12-11T23:59:59Z"))[0]?.discount).toBe(1_000);
    expect((await failure(at("2026-12-12T00:00:00Z"))).message).toBe(`Coupon ${code} has expired`);

    const deactivated = await deactivateCoupon(database.db, admin, { id: coupon.id });
    expect(deactivated.active).toBe(false);
    expect((await deactivateCoupon(database.db, admin, { id: coupon.id })).deactivatedAt).toEqual(
      deactivated.deactivatedAt,
    );
    expect((await failure(at("2026-12-05T00:00:00Z"))).message).toBe(`Coupon ${code} is no longer active`);
    const unknown = await failure(evaluateCoupons(database.db, { customerId, codes: ["NOPE-NOPE"], lines }));
    expect(unknown.fields).toEqual({ coupons: ["Coupon code NOPE-NOPE does not exist"] });
  });

  it("enforces the per-customer limit across a coupon's codes", async () => {
    const storeId = (await sellerWithStore(database.db)).store.id;
    const [first, second] = [await insertUser(database.db, "customer"), await insertUser(database.db, "customer")];
    const created = await createPlatformCoupon(
      database.db,
      admin,
      platformInput({ perCustomerLimit: 1, codes: { mode: "batch", count: 2 } }),
    );
    const [codeA = "", codeB = ""] = created.codes;
    const lines = [line(storeId, 10_000)];
    expect((await redeemInOwnTransaction({ customerId: first?.userId ?? "", codes: [codeA], lines })).outcome).toBe(
      "OK",
    );
    const again = await failure(
      evaluateCoupons(database.db, { customerId: first?.userId ?? "", codes: [codeB], lines }),
    );
    expect(again.fields?.coupons).toEqual([`You have already used coupon ${codeB} the maximum number of times`]);
    expect(
      await evaluateCoupons(database.db, { customerId: second?.userId ?? "", codes: [codeB], lines }),
    ).toHaveLength(1);
  });

  it("allows one platform coupon, one per store, and non-combinable coupons alone", async () => {
    const { store, seller } = await sellerWithStore(database.db);
    const customerId = (await insertUser(database.db, "customer")).userId;
    const lines = [line(store.id, 100_000)];
    const p1 = await platformCode({ combinable: true });
    const p2 = await platformCode({ combinable: true });
    const twoPlatform = await failure(evaluateCoupons(database.db, { customerId, codes: [p1.code, p2.code], lines }));
    expect(twoPlatform.fields?.coupons).toEqual(["Only one platform coupon can be used per order"]);

    const s1 = (await createStoreCoupon(database.db, seller, storeInput({ combinable: true }))).codes[0] ?? "";
    const s2 = (await createStoreCoupon(database.db, seller, storeInput({ combinable: true }))).codes[0] ?? "";
    const twoStore = await failure(evaluateCoupons(database.db, { customerId, codes: [s1, s2], lines }));
    expect(twoStore.fields?.coupons).toEqual(["Only one coupon per store can be used"]);

    const loner = await platformCode({ combinable: false });
    const alone = await failure(evaluateCoupons(database.db, { customerId, codes: [s1, loner.code], lines }));
    expect(alone.fields?.coupons).toEqual([`Coupon ${loner.code} cannot be combined with other coupons`]);
    expect(await evaluateCoupons(database.db, { customerId, codes: [loner.code], lines })).toHaveLength(1);

    const twice = await failure(evaluateCoupons(database.db, { customerId, codes: [s1, s1.toLowerCase()], lines }));
    expect(twice.fields?.coupons).toEqual([`Coupon ${s1} is entered more than once`]);

    // A store coupon and a platform coupon combine; the platform one applies to what is left.
    const [storeApplied, platformApplied] = await evaluateCoupons(database.db, {
      customerId,
      codes: [s1, p1.code],
      lines,
    });
    expect(storeApplied?.discount).toBe(10_000);
    expect(platformApplied?.discount).toBe(9_000);
  });

  it("combines two stores' coupons with a platform coupon that applies to what they leave", async () => {
    const [a, b] = [await sellerWithStore(database.db), await sellerWithStore(database.db)];
    const customerId = (await insertUser(database.db, "customer")).userId;
    const codeA =
      (
        await createStoreCoupon(
          database.db,
          a.seller,
          storeInput({ combinable: true, discount: { kind: "fixed", amount: 30_000 } }),
        )
      ).codes[0] ?? "";
    const codeB = (await createStoreCoupon(database.db, b.seller, storeInput({ combinable: true }))).codes[0] ?? "";
    const platform = await platformCode({ combinable: true });
    const applied = await evaluateCoupons(database.db, {
      customerId,
      codes: [platform.code, codeA, codeB],
      lines: [line(a.store.id, 25_000, 4), line(b.store.id, 50_000)],
    });
    expect(applied.map((coupon) => [coupon.code, coupon.discount, coupon.allocations])).toEqual([
      // 10% of (100000 − 30000) + (50000 − 5000) = 11500, split 70000 : 45000.
      [
        platform.code,
        11_500,
        [
          { storeId: a.store.id, amount: 7_000 },
          { storeId: b.store.id, amount: 4_500 },
        ],
      ],
      [codeA, 30_000, [{ storeId: a.store.id, amount: 30_000 }]],
      [codeB, 5_000, [{ storeId: b.store.id, amount: 5_000 }]],
    ]);
  });

  it("allocates a platform discount across stores so the parts add up exactly", async () => {
    const stores = [
      (await sellerWithStore(database.db)).store.id,
      (await sellerWithStore(database.db)).store.id,
      (await sellerWithStore(database.db)).store.id,
    ];
    const customerId = (await insertUser(database.db, "customer")).userId;
    const fixed = await platformCode({ discount: { kind: "fixed", amount: 100 } });
    const [applied] = await evaluateCoupons(database.db, {
      customerId,
      codes: [fixed.code],
      lines: stores.map((storeId) => line(storeId, 1_000)),
    });
    expect(applied?.discount).toBe(100);
    const amounts = applied?.allocations.map((allocation) => allocation.amount) ?? [];
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(100);
    expect([...amounts].sort()).toEqual([33, 33, 34]);
    const [first] = [...stores].sort();
    expect(applied?.allocations.find((allocation) => allocation.amount === 34)?.storeId).toBe(first);

    expect(
      allocateAcrossStores(100, [
        { storeId: "a", weight: 333 },
        { storeId: "b", weight: 333 },
        { storeId: "c", weight: 334 },
        { storeId: "d", weight: 0 },
      ]),
    ).toEqual([
      { storeId: "a", amount: 33 },
      { storeId: "b", amount: 33 },
      { storeId: "c", amount: 34 },
    ]);
    // Beyond 2^53 the products total × weight stay exact.
    const big = allocateAcrossStores(999_999_999_999, [
      { storeId: "a", weight: 7_777_777_777_777 },
      { storeId: "b", weight: 1 },
      { storeId: "c", weight: 3_333_333_333_333 },
    ]);
    expect(big.reduce((sum, part) => sum + part.amount, 0)).toBe(999_999_999_999);
  });
});

describe("redeeming coupons", () => {
  it("lets exactly 5 of 20 customers racing for a limit-5 coupon redeem it", async () => {
    const storeId = (await sellerWithStore(database.db)).store.id;
    const { code, coupon } = await platformCode({ usageLimit: 5 });
    const customers = await Promise.all(Array.from({ length: 20 }, () => insertUser(database.db, "customer")));
    const results = await Promise.all(
      customers.map((customer) =>
        redeemInOwnTransaction({ customerId: customer.userId, codes: [code], lines: [line(storeId, 10_000)] }),
      ),
    );
    expect(results.filter((result) => result.outcome === "OK")).toHaveLength(5);
    expect(results.filter((result) => result.outcome === "INVALID")).toHaveLength(15);
    expect(await usedCount(coupon.id)).toBe(5);
    const live = await database.db
      .selectFrom("coupon_redemptions")
      .select("checkout_id")
      .where("coupon_id", "=", coupon.id)
      .execute();
    expect(live.map((row) => row.checkout_id).sort()).toEqual(
      results
        .filter((result) => result.outcome === "OK")
        .map((result) => result.checkoutId)
        .sort(),
    );
  });

  it("lets one customer's concurrent checkouts use a coupon only up to the per-customer limit", async () => {
    const storeId = (await sellerWithStore(database.db)).store.id;
    const { code, coupon } = await platformCode({ perCustomerLimit: 2 });
    const customerId = (await insertUser(database.db, "customer")).userId;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        redeemInOwnTransaction({ customerId, codes: [code], lines: [line(storeId, 500)] }),
      ),
    );
    expect(results.filter((result) => result.outcome === "OK")).toHaveLength(2);
    expect(await usedCount(coupon.id)).toBe(2);
  });

  it("confirms idempotently, and releasing frees the uses exactly once", async () => {
    const storeId = (await sellerWithStore(database.db)).store.id;
    const { code, coupon } = await platformCode({ usageLimit: 2 });
    const customers = await Promise.all(Array.from({ length: 3 }, () => insertUser(database.db, "customer")));
    const lines = [line(storeId, 10_000)];
    const [a, b] = [
      await redeemInOwnTransaction({ customerId: customers[0]?.userId ?? "", codes: [code], lines }),
      await redeemInOwnTransaction({ customerId: customers[1]?.userId ?? "", codes: [code], lines }),
    ];
    expect([a?.outcome, b?.outcome]).toEqual(["OK", "OK"]);
    const third = customers[2]?.userId ?? "";
    expect((await redeemInOwnTransaction({ customerId: third, codes: [code], lines })).outcome).toBe("INVALID");

    await confirmCouponRedemptions(database.db, { checkoutId: b?.checkoutId ?? "" });
    await confirmCouponRedemptions(database.db, { checkoutId: b?.checkoutId ?? "" });
    const statuses = await database.db
      .selectFrom("coupon_redemptions")
      .select(["checkout_id", "status"])
      .where("coupon_id", "=", coupon.id)
      .orderBy("checkout_id")
      .execute();
    expect(Object.fromEntries(statuses.map((row) => [row.checkout_id, row.status]))).toEqual({
      [a?.checkoutId ?? ""]: "reserved",
      [b?.checkoutId ?? ""]: "confirmed",
    });

    // Concurrent releases of one checkout: exactly one of them frees the use.
    const released = await Promise.all([
      releaseCouponRedemptions(database.db, { checkoutId: a?.checkoutId ?? "" }),
      releaseCouponRedemptions(database.db, { checkoutId: a?.checkoutId ?? "" }),
    ]);
    expect(released.sort()).toEqual([0, 1]);
    expect(await releaseCouponRedemptions(database.db, { checkoutId: a?.checkoutId ?? "" })).toBe(0);
    expect(await usedCount(coupon.id)).toBe(1);
    await confirmCouponRedemptions(database.db, { checkoutId: a?.checkoutId ?? "" });
    expect(
      (
        await database.db
          .selectFrom("coupon_redemptions")
          .select("status")
          .where("checkout_id", "=", a?.checkoutId ?? "")
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("released");
    expect((await redeemInOwnTransaction({ customerId: third, codes: [code], lines })).outcome).toBe("OK");
    expect(await usedCount(coupon.id)).toBe(2);
  });

  it("answers CONFLICT when one checkout redeems twice", async () => {
    const storeId = (await sellerWithStore(database.db)).store.id;
    const { code } = await platformCode();
    const customerId = (await insertUser(database.db, "customer")).userId;
    const checkoutId = newId();
    const redeem = () =>
      database.db
        .transaction()
        .execute((trx) => redeemCoupons(trx, { checkoutId, customerId, codes: [code], lines: [line(storeId, 100)] }));
    expect(await redeem()).toHaveLength(1);
    expect((await failure(redeem())).code).toBe("CONFLICT");
  });
});

describe("coupon reports", () => {
  it("counts live redemptions per marketplace day, with discount and revenue", async () => {
    const { store, seller } = await sellerWithStore(database.db);
    const created = await createStoreCoupon(
      database.db,
      seller,
      storeInput({ discount: { kind: "fixed", amount: 5_000 }, codes: { mode: "batch", count: 3 } }),
    );
    const customers = await Promise.all(Array.from({ length: 4 }, () => insertUser(database.db, "customer")));
    const outcomes = [];
    for (const [index, customer] of customers.entries()) {
      outcomes.push(
        await redeemInOwnTransaction({
          customerId: customer.userId,
          codes: [created.codes[index % 3] ?? ""],
          lines: [line(store.id, 20_000 * (index + 1))],
        }),
      );
    }
    // 23:30 and 00:30 in Jakarta (UTC+7) fall on different days, though both are Nov 20 in UTC.
    const times = ["2026-11-20T16:30:00Z", "2026-11-20T17:30:00Z", "2026-11-20T18:00:00Z", "2026-11-20T10:00:00Z"];
    for (const [index, outcome] of outcomes.entries()) {
      await database.db
        .updateTable("coupon_redemptions")
        .set({ created_at: new Date(times[index] ?? "") })
        .where("checkout_id", "=", outcome.checkoutId)
        .execute();
    }
    await releaseCouponRedemptions(database.db, { checkoutId: outcomes[3]?.checkoutId ?? "" });
    await confirmCouponRedemptions(database.db, { checkoutId: outcomes[0]?.checkoutId ?? "" });

    const report = await couponReport(database.db, seller, { id: created.coupon.id, timeZone: "Asia/Jakarta" });
    expect(report).toEqual({
      couponId: created.coupon.id,
      timeZone: "Asia/Jakarta",
      totals: { redemptions: 3, discount: 15_000, revenue: 120_000 },
      days: [
        { date: "2026-11-20", redemptions: 1, discount: 5_000, revenue: 20_000 },
        { date: "2026-11-21", redemptions: 2, discount: 10_000, revenue: 100_000 },
      ],
    });
    const utc = await couponReport(database.db, seller, { id: created.coupon.id, timeZone: "UTC", to: "2026-11-20" });
    expect(utc.days).toEqual([{ date: "2026-11-20", redemptions: 3, discount: 15_000, revenue: 120_000 }]);
    const from = await couponReport(database.db, admin, {
      id: created.coupon.id,
      timeZone: "Asia/Jakarta",
      from: "2026-11-21",
    });
    expect(from.totals.redemptions).toBe(2);
  });

  it("hides another store's coupons from a seller", async () => {
    const mine = await sellerWithStore(database.db);
    const theirs = await sellerWithStore(database.db);
    const created = await createStoreCoupon(database.db, theirs.seller, storeInput());
    expect((await failure(getCoupon(database.db, mine.seller, { id: created.coupon.id, codesLimit: 5 }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await failure(couponReport(database.db, mine.seller, { id: created.coupon.id, timeZone: "UTC" }))).code,
    ).toBe("NOT_FOUND");
    expect((await failure(deactivateCoupon(database.db, mine.seller, { id: created.coupon.id }))).code).toBe(
      "NOT_FOUND",
    );
    const list = await listStoreCoupons(database.db, mine.seller, { limit: 50 });
    expect(list.items.map((coupon) => coupon.id)).not.toContain(created.coupon.id);
    const theirList = await listStoreCoupons(database.db, theirs.seller, { limit: 50, code: created.codes[0] });
    expect(theirList.items.map((coupon) => coupon.id)).toEqual([created.coupon.id]);
  });
});
