import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";
import { entityIdSchema } from "./stores.ts";

/** Largest amount a coupon field accepts, in minor units (10^12: far above any real basket). */
export const MAX_COUPON_MONEY = 1_000_000_000_000;
/** Largest batch of random codes one call creates. */
export const MAX_COUPON_BATCH = 5000;
const MAX_USES = 10_000_000;

const moneySchema = (label: string) =>
  z
    .number({ error: `${label} is a number in minor units` })
    .int(`${label} is a whole number of minor units`)
    .min(0, `${label} cannot be negative`)
    .max(MAX_COUPON_MONEY, `${label} is at most ${MAX_COUPON_MONEY}`);

const usesSchema = (label: string) =>
  z
    .number()
    .int(`${label} is a whole number`)
    .min(1, `${label} is at least 1 (leave it out for no limit)`)
    .max(MAX_USES, `${label} is at most ${MAX_USES}`);

/** Percentages are basis points: 1000 = 10%, 10000 = 100%. */
export const couponDiscountSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("percentage"),
    percentBps: z
      .number({ error: "The percentage is a number of basis points (1000 = 10%)" })
      .int("The percentage is a whole number of basis points (1250 = 12.5%)")
      .min(1, "The percentage must be above 0")
      .max(10_000, "The percentage is at most 100% (10000 basis points)"),
  }),
  z.object({ kind: z.literal("fixed"), amount: moneySchema("The amount").min(1, "The amount must be above 0") }),
]);
export type CouponDiscount = z.infer<typeof couponDiscountSchema>;

/** A code customers type: letters, digits, dash or underscore; matched case-insensitively. */
export const couponCodeSchema = z
  .string()
  .trim()
  .min(3, "A code has at least 3 characters")
  .max(32, "A code has at most 32 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "Use letters, digits, dashes and underscores only");

export const couponCodesInputSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("single"), code: couponCodeSchema }),
  z.object({
    mode: z.literal("batch"),
    count: z
      .number()
      .int("The count is a whole number")
      .min(1, "Create at least one code")
      .max(MAX_COUPON_BATCH, `At most ${MAX_COUPON_BATCH} codes per batch`),
    prefix: z
      .string()
      .trim()
      .max(12, "The prefix has at most 12 characters")
      .regex(/^[A-Za-z0-9]*$/, "The prefix uses letters and digits only")
      .optional(),
  }),
]);
export type CouponCodesInput = z.infer<typeof couponCodesInputSchema>;

const idListSchema = (what: string) => z.array(entityIdSchema).max(200, `At most 200 ${what}`).default([]);

const couponRulesShape = {
  name: z.string().trim().min(1, "Name is required").max(100, "Name is at most 100 characters"),
  discount: couponDiscountSchema,
  /** Spend needed on the coupon's eligible items, in minor units (0: none). */
  minSpend: moneySchema("The minimum spend").default(0),
  /** Cap on the discount, in minor units (null: no cap beyond the eligible subtotal). */
  maxDiscount: moneySchema("The maximum discount").min(1, "The maximum discount must be above 0").nullish(),
  usageLimit: usesSchema("The usage limit").nullish(),
  perCustomerLimit: usesSchema("The per-customer limit").nullish(),
  startsAt: z.date({ error: "Start is a date" }),
  endsAt: z.date({ error: "End is a date" }).nullish(),
  combinable: z.boolean().default(false),
  codes: couponCodesInputSchema,
  productIds: idListSchema("products"),
};

/** An admin's platform coupon, optionally limited to categories (with their subcategories) or products. */
export const createPlatformCouponInputSchema = z.object({
  ...couponRulesShape,
  categoryIds: idListSchema("categories"),
});
export type CreatePlatformCouponInput = z.infer<typeof createPlatformCouponInputSchema>;

/** A seller's coupon for their own store, optionally limited to some of its products. */
export const createStoreCouponInputSchema = z.object(couponRulesShape);
export type CreateStoreCouponInput = z.infer<typeof createStoreCouponInputSchema>;

export const COUPON_SCOPES = ["platform", "store"] as const;
export const couponScopeSchema = z.enum(COUPON_SCOPES);

export const couponSchema = z.object({
  id: z.string(),
  scope: couponScopeSchema,
  storeId: z.string().nullable(),
  name: z.string(),
  discount: couponDiscountSchema,
  minSpend: z.number().int(),
  maxDiscount: z.number().int().nullable(),
  usageLimit: z.number().int().nullable(),
  perCustomerLimit: z.number().int().nullable(),
  usedCount: z.number().int(),
  categoryIds: z.array(z.string()),
  productIds: z.array(z.string()),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  combinable: z.boolean(),
  active: z.boolean(),
  codeCount: z.number().int(),
  createdAt: z.date(),
  deactivatedAt: z.date().nullable(),
});
export type Coupon = z.infer<typeof couponSchema>;

/** A created coupon with every code it got (a batch returns all of them, once). */
export const createdCouponSchema = z.object({ coupon: couponSchema, codes: z.array(z.string()) });
export type CreatedCoupon = z.infer<typeof createdCouponSchema>;

export const listCouponsInputSchema = pageInputSchema.extend({
  active: z.boolean().optional(),
  /** Finds the coupon owning this code (case-insensitive). */
  code: couponCodeSchema.optional(),
});
export type ListCouponsInput = z.infer<typeof listCouponsInputSchema>;

/** Admins see every coupon; they may narrow to one scope or one store. */
export const adminListCouponsInputSchema = listCouponsInputSchema.extend({
  scope: couponScopeSchema.optional(),
  storeId: entityIdSchema.optional(),
});
export type AdminListCouponsInput = z.infer<typeof adminListCouponsInputSchema>;
export const listCouponsOutputSchema = pageOutputSchema(couponSchema);

/** One coupon with a page of its codes (alphabetical), so a batch of thousands can be paged through. */
export const getCouponInputSchema = z.object({
  id: entityIdSchema,
  codesLimit: z.number().int().min(1).max(500).default(100),
  codesCursor: z.string().max(200).nullish(),
});
export type GetCouponInput = z.infer<typeof getCouponInputSchema>;
export const couponDetailSchema = z.object({
  coupon: couponSchema,
  codes: pageOutputSchema(z.string()),
});
export type CouponDetail = z.infer<typeof couponDetailSchema>;

export const couponIdInputSchema = z.object({ id: entityIdSchema });
export type CouponIdInput = z.infer<typeof couponIdInputSchema>;

const dayStringSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a YYYY-MM-DD date");

/** Report days are calendar days in the marketplace time zone; `from` and `to` are inclusive. */
export const couponReportInputSchema = z.object({
  id: entityIdSchema,
  from: dayStringSchema.optional(),
  to: dayStringSchema.optional(),
});
export type CouponReportInput = z.infer<typeof couponReportInputSchema>;

const reportFiguresShape = {
  redemptions: z.number().int(),
  discount: z.number().int(),
  /** The eligible subtotal of the orders that used the coupon, in minor units. */
  revenue: z.number().int(),
};
export const couponReportSchema = z.object({
  couponId: z.string(),
  timeZone: z.string(),
  totals: z.object(reportFiguresShape),
  days: z.array(z.object({ date: z.string(), ...reportFiguresShape })),
});
export type CouponReport = z.infer<typeof couponReportSchema>;
