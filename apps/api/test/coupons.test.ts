import { redeemCoupons } from "@niaga/core/coupons/coupons.checkout";
import { newId } from "@niaga/core/shared/ids";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCategory, sellerWithStore } from "./support/catalog.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const HOUR = 3_600_000;
const uniqueCode = (prefix: string) => `${prefix}${newId(8).toUpperCase()}`;

const rules = () => ({
  name: "Promo 12.12",
  discount: { kind: "percentage" as const, percentBps: 1000 },
  startsAt: new Date(Date.now() - HOUR),
});

/** A redemption as checkout records it, so reports have something to count. */
async function redeem(params: { code: string; storeId: string; categoryId: string; unitPrice: number }) {
  const customer = await api.userWithRole("customer");
  return api.database.db.transaction().execute((trx) =>
    redeemCoupons(trx, {
      checkoutId: newId(),
      customerId: customer.id,
      codes: [params.code],
      lines: [
        {
          variantId: newId(),
          productId: newId(),
          storeId: params.storeId,
          categoryId: params.categoryId,
          unitPrice: params.unitPrice,
          quantity: 1,
        },
      ],
    }),
  );
}

describe("admin coupons over HTTP", () => {
  it("creates, lists, reads, reports on and deactivates a platform coupon", async () => {
    const admin = api.client((await api.userWithRole("admin")).token);
    const category = await newCategory(api);
    const code = uniqueCode("ADM");
    const created = await admin.admin.coupons.create.mutate({
      ...rules(),
      usageLimit: 100,
      perCustomerLimit: 1,
      categoryIds: [category.id],
      codes: { mode: "single", code: code.toLowerCase() },
    });
    expect(created.codes).toEqual([code]);
    expect(created.coupon).toMatchObject({
      scope: "platform",
      storeId: null,
      discount: { kind: "percentage", percentBps: 1000 },
      minSpend: 0,
      usageLimit: 100,
      categoryIds: [category.id],
      active: true,
      codeCount: 1,
    });
    const found = await admin.admin.coupons.list.query({ limit: 10, code: code.toLowerCase() });
    expect(found.items.map((coupon) => coupon.id)).toEqual([created.coupon.id]);

    const { store } = await sellerWithStore(api);
    await redeem({ code, storeId: store.id, categoryId: category.id, unitPrice: 123_456 });
    await redeem({ code, storeId: store.id, categoryId: category.id, unitPrice: 10_000 });
    const report = await admin.admin.coupons.report.query({ id: created.coupon.id });
    expect(report.timeZone).toBe("Asia/Jakarta");
    expect(report.totals).toEqual({ redemptions: 2, discount: 12_345 + 1_000, revenue: 133_456 });
    expect(report.days).toHaveLength(1);
    expect((await admin.admin.coupons.get.query({ id: created.coupon.id })).coupon.usedCount).toBe(2);

    const deactivated = await admin.admin.coupons.deactivate.mutate({ id: created.coupon.id });
    expect(deactivated.active).toBe(false);
    const inactive = await admin.admin.coupons.list.query({ limit: 100, active: false, scope: "platform" });
    expect(inactive.items.map((coupon) => coupon.id)).toContain(created.coupon.id);
    const audit = await admin.admin.audit.list.query({ targetType: "coupon", targetId: created.coupon.id, limit: 10 });
    expect(audit.map((entry) => entry.action).sort()).toEqual(["coupon.created", "coupon.deactivated"]);
  });

  it("answers BAD_REQUEST with field errors for bad rules", async () => {
    const admin = api.client((await api.userWithRole("admin")).token);
    const percent = await admin.admin.coupons.create
      .mutate({
        ...rules(),
        discount: { kind: "percentage", percentBps: 20_000 },
        codes: { mode: "single", code: "X" },
      })
      .catch((caught) => caught);
    expect(percent.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(percent.data.fieldErrors).sort()).toEqual(["codes.code", "discount.percentBps"]);
    const startsAt = new Date();
    const window = await admin.admin.coupons.create
      .mutate({
        ...rules(),
        startsAt,
        endsAt: new Date(startsAt.getTime() - HOUR),
        codes: { mode: "single", code: uniqueCode("WIN") },
      })
      .catch((caught) => caught);
    expect(window.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { endsAt: ["The end must be after the start"] },
    });
  });
});

describe("seller coupons over HTTP", () => {
  it("creates a batch for the own store, pages its codes, and lists and reports only the own coupons", async () => {
    const owner = await sellerWithStore(api);
    const created = await owner.client.seller.coupons.create.mutate({
      ...rules(),
      discount: { kind: "fixed", amount: 15_000 },
      minSpend: 50_000,
      combinable: true,
      codes: { mode: "batch", count: 7, prefix: "toko" },
    });
    expect(created.codes).toHaveLength(7);
    expect(new Set(created.codes).size).toBe(7);
    expect(created.coupon).toMatchObject({ scope: "store", storeId: owner.store.id, codeCount: 7, combinable: true });

    const first = await owner.client.seller.coupons.get.query({ id: created.coupon.id, codesLimit: 4 });
    const second = await owner.client.seller.coupons.get.query({
      id: created.coupon.id,
      codesLimit: 4,
      codesCursor: first.codes.nextCursor,
    });
    expect([...first.codes.items, ...second.codes.items]).toEqual([...created.codes].sort());
    expect(second.codes.nextCursor).toBeNull();

    const listed = await owner.client.seller.coupons.list.query({ limit: 10 });
    expect(listed.items.map((coupon) => coupon.id)).toEqual([created.coupon.id]);

    const category = await newCategory(api);
    await redeem({ code: created.codes[0] ?? "", storeId: owner.store.id, categoryId: category.id, unitPrice: 60_000 });
    const report = await owner.client.seller.coupons.report.query({ id: created.coupon.id });
    expect(report.totals).toEqual({ redemptions: 1, discount: 15_000, revenue: 60_000 });

    // Admins see store coupons too.
    const admin = api.client((await api.userWithRole("admin")).token);
    const byStore = await admin.admin.coupons.list.query({ limit: 10, storeId: owner.store.id });
    expect(byStore.items.map((coupon) => coupon.id)).toEqual([created.coupon.id]);
  });

  it("keeps another store's coupon NOT_FOUND", async () => {
    const owner = await sellerWithStore(api);
    const stranger = await sellerWithStore(api);
    const created = await owner.client.seller.coupons.create.mutate({
      ...rules(),
      codes: { mode: "single", code: uniqueCode("MINE") },
    });
    const id = created.coupon.id;
    expect(await codeOf(stranger.client.seller.coupons.get.query({ id }))).toBe("NOT_FOUND");
    expect(await codeOf(stranger.client.seller.coupons.report.query({ id }))).toBe("NOT_FOUND");
    expect(await codeOf(stranger.client.seller.coupons.deactivate.mutate({ id }))).toBe("NOT_FOUND");
    expect((await stranger.client.seller.coupons.list.query({ limit: 10 })).items).toEqual([]);
    expect((await owner.client.seller.coupons.get.query({ id })).coupon.active).toBe(true);
  });

  it("refuses customers, managers and anonymous callers", async () => {
    const customer = api.client((await api.userWithRole("customer")).token);
    const manager = api.client((await api.userWithRole("manager")).token);
    const input = { ...rules(), codes: { mode: "single" as const, code: uniqueCode("NO") } };
    expect(await codeOf(customer.seller.coupons.create.mutate(input))).toBe("FORBIDDEN");
    expect(await codeOf(customer.admin.coupons.create.mutate(input))).toBe("FORBIDDEN");
    expect(await codeOf(customer.seller.coupons.list.query({ limit: 5 }))).toBe("FORBIDDEN");
    expect(await codeOf(manager.admin.coupons.list.query({ limit: 5 }))).toBe("FORBIDDEN");
    expect(await codeOf(api.client().admin.coupons.report.query({ id: "anything" }))).toBe("UNAUTHORIZED");
    expect(
      await api.database.db.selectFrom("coupon_codes").select("id").where("code", "=", input.codes.code).execute(),
    ).toEqual([]);
  });
});
