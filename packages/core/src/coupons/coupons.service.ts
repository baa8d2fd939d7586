import type {
  Coupon,
  CouponCodesInput,
  CreatedCoupon,
  CreatePlatformCouponInput,
  CreateStoreCouponInput,
} from "@niaga/contracts";
import { createPlatformCouponInputSchema, createStoreCouponInputSchema, isAdminRole } from "@niaga/contracts";
import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import type { z } from "zod";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import { requireCouponFor } from "./coupons.access.ts";
import { normalizeCode, randomCodes } from "./coupons.codes.ts";
import { toCoupon } from "./coupons.mappers.ts";
import { insertCodes } from "./coupons.queries.ts";

/** Parses with the contract's schema so direct callers get the API's field messages too. */
function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join(".");
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  throw new DomainError("INVALID", parsed.error.issues[0]?.message ?? "Invalid coupon", fields);
}

/** The rules that span fields, each reported on the field to fix. */
function assertConsistent(input: CreateStoreCouponInput): void {
  const fields: Record<string, string[]> = {};
  if (input.endsAt && input.endsAt <= input.startsAt) fields.endsAt = ["The end must be after the start"];
  if (input.usageLimit && input.perCustomerLimit && input.perCustomerLimit > input.usageLimit) {
    fields.perCustomerLimit = ["The per-customer limit cannot exceed the usage limit"];
  }
  if (input.discount.kind === "fixed" && input.maxDiscount && input.maxDiscount < input.discount.amount) {
    fields.maxDiscount = ["The maximum discount cannot be below the fixed amount"];
  }
  const [first] = Object.values(fields);
  if (first?.[0]) throw new DomainError("INVALID", first[0], fields);
}

/** INVALID on `field` unless every id is among `found`. */
function assertAllFound(ids: string[], found: { id: string }[], params: { field: string; what: string }): void {
  const known = new Set(found.map((row) => row.id));
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  if (missing.length === 0) return;
  const message = `Unknown ${params.what}: ${missing.join(", ")}`;
  throw new DomainError("INVALID", message, { [params.field]: [message] });
}

async function assertProducts(db: Db, ids: string[], storeId: string | null): Promise<void> {
  if (ids.length === 0) return;
  let query = db.selectFrom("products").select("id").where("id", "in", ids);
  if (storeId) query = query.where("store_id", "=", storeId);
  const what = storeId ? "products in your store" : "products";
  assertAllFound(ids, await query.execute(), { field: "productIds", what });
}

async function assertCategories(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.selectFrom("categories").select("id").where("id", "in", ids).execute();
  assertAllFound(ids, found, { field: "categoryIds", what: "categories" });
}

/** Inserts the coupon's code(s); a taken single code is a CONFLICT, batch collisions are redrawn. */
async function createCodes(trx: Transaction<Database>, couponId: string, codes: CouponCodesInput): Promise<string[]> {
  if (codes.mode === "single") {
    const code = normalizeCode(codes.code);
    const inserted = await insertCodes(trx, [{ id: newId(), coupon_id: couponId, code }]);
    if (inserted.length === 0) {
      throw new DomainError("CONFLICT", `The code ${code} is already in use`, { "codes.code": ["This code is taken"] });
    }
    return inserted;
  }
  const created: string[] = [];
  // Collisions with existing codes are astronomically rare; a few rounds settle them.
  for (let round = 0; round < 5 && created.length < codes.count; round++) {
    const batch = randomCodes(codes.count - created.length, codes.prefix).filter((code) => !created.includes(code));
    for (let start = 0; start < batch.length; start += 1000) {
      const rows = batch.slice(start, start + 1000).map((code) => ({ id: newId(), coupon_id: couponId, code }));
      created.push(...(await insertCodes(trx, rows)));
    }
  }
  if (created.length < codes.count) throw new DomainError("CONFLICT", "Could not draw enough unique codes; retry");
  return created;
}

async function insertCoupon(
  db: Db,
  params: {
    input: CreateStoreCouponInput;
    scope: "platform" | "store";
    storeId: string | null;
    categoryIds: string[];
    actorId: string;
  },
): Promise<CreatedCoupon> {
  const { input } = params;
  return inTransaction(db, async (trx) => {
    const id = newId();
    await trx
      .insertInto("coupons")
      .values({
        id,
        scope: params.scope,
        store_id: params.storeId,
        name: input.name,
        kind: input.discount.kind,
        percent_bps: input.discount.kind === "percentage" ? input.discount.percentBps : null,
        amount_off: input.discount.kind === "fixed" ? input.discount.amount : null,
        min_spend: input.minSpend,
        max_discount: input.maxDiscount ?? null,
        usage_limit: input.usageLimit ?? null,
        per_customer_limit: input.perCustomerLimit ?? null,
        category_ids: params.categoryIds,
        product_ids: [...new Set(input.productIds)],
        starts_at: input.startsAt,
        ends_at: input.endsAt ?? null,
        combinable: input.combinable,
        created_by: params.actorId,
      })
      .execute();
    const codes = await createCodes(trx, id, input.codes);
    const row = await trx
      .updateTable("coupons")
      .set({ code_count: codes.length })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { coupon: toCoupon(row), codes };
  });
}

/** An admin's platform coupon (audited), optionally limited to categories or products. */
export async function createPlatformCoupon(
  db: Db,
  actor: Actor,
  raw: CreatePlatformCouponInput,
): Promise<CreatedCoupon> {
  const input = parseInput(createPlatformCouponInputSchema, raw);
  assertConsistent(input);
  await assertCategories(db, input.categoryIds);
  await assertProducts(db, input.productIds, null);
  return inTransaction(db, async (trx) => {
    const created = await insertCoupon(trx, {
      input,
      scope: "platform",
      storeId: null,
      categoryIds: [...new Set(input.categoryIds)],
      actorId: actor.userId,
    });
    await recordAudit(trx, {
      actorId: actor.userId,
      action: "coupon.created",
      targetType: "coupon",
      targetId: created.coupon.id,
      data: { name: input.name, codes: created.codes.length },
      requestId: actor.requestId,
    });
    return created;
  });
}

/** A seller's coupon for their own store; listed products must be the store's own. */
export async function createStoreCoupon(db: Db, actor: Actor, raw: CreateStoreCouponInput): Promise<CreatedCoupon> {
  const input = parseInput(createStoreCouponInputSchema, raw);
  assertConsistent(input);
  const store = await requireSellerStore(db, actor.userId);
  await assertProducts(db, input.productIds, store.id);
  return insertCoupon(db, { input, scope: "store", storeId: store.id, categoryIds: [], actorId: actor.userId });
}

/**
 * Deactivates a coupon: its codes stop working at the next checkout; redemptions already made
 * stay. Idempotent. Sellers reach only their store's coupons; admins any (audited).
 */
export async function deactivateCoupon(db: Db, actor: Actor, params: { id: string }): Promise<Coupon> {
  return inTransaction(db, async (trx) => {
    await requireCouponFor(trx, actor, params.id);
    const row = await trx
      .updateTable("coupons")
      .set((eb) => ({ active: false, deactivated_at: eb.fn.coalesce("deactivated_at", eb.val(new Date())) }))
      .where("id", "=", params.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (isAdminRole(actor.role)) {
      await recordAudit(trx, {
        actorId: actor.userId,
        action: "coupon.deactivated",
        targetType: "coupon",
        targetId: params.id,
        requestId: actor.requestId,
      });
    }
    return toCoupon(row);
  });
}
