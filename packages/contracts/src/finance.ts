import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";
import { entityIdSchema } from "./stores.ts";

/** The largest amount anyone may type (minor units): far above any real payout, far below 2^53. */
export const MAX_MONEY_AMOUNT = 1_000_000_000_000_000;

const moneyAmountSchema = z
  .number({ error: "Enter an amount" })
  .int("The amount is a whole number of minor units")
  .min(1, "The amount must be at least 1")
  .max(MAX_MONEY_AMOUNT, "The amount is too large");

/** A seller's three balances (readable: what the platform owes them), in minor units. */
export const sellerBalancesSchema = z.object({
  currency: z.string(),
  pending: z.number().int(),
  available: z.number().int(),
  inTransit: z.number().int(),
});
export type SellerBalances = z.infer<typeof sellerBalancesSchema>;

export const SELLER_ACCOUNT_KINDS = ["pending", "available", "in_transit"] as const;
export const sellerAccountKindSchema = z.enum(SELLER_ACCOUNT_KINDS);
export type SellerAccountKind = z.infer<typeof sellerAccountKindSchema>;

export const statementInputSchema = pageInputSchema.extend({ account: sellerAccountKindSchema.optional() });
export type StatementInput = z.infer<typeof statementInputSchema>;

/** One journal line on a store's account: `amount` is positive when the seller is owed more. */
export const statementLineSchema = z.object({
  id: z.number().int(),
  entryId: z.string(),
  kind: z.string(),
  memo: z.string(),
  account: sellerAccountKindSchema,
  amount: z.number().int(),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  createdAt: z.date(),
});
export type StatementLine = z.infer<typeof statementLineSchema>;
export const statementOutputSchema = pageOutputSchema(statementLineSchema);

const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-24")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "Not a real date");

export const EARNINGS_GRANULARITIES = ["day", "week", "month"] as const;
/** The longest range each granularity may cover, in days (keeps a response to a few hundred periods). */
const MAX_RANGE_DAYS = { day: 366, week: 366 * 3, month: 366 * 10 } as const;

export const earningsInputSchema = z
  .object({
    /** Calendar dates in the marketplace time zone, both included. */
    from: calendarDateSchema,
    to: calendarDateSchema,
    granularity: z.enum(EARNINGS_GRANULARITIES),
  })
  .superRefine((input, ctx) => {
    const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "The end is before the start" });
    else if (days > MAX_RANGE_DAYS[input.granularity]) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `A ${input.granularity} report covers at most ${MAX_RANGE_DAYS[input.granularity]} days`,
      });
    }
  });
export type EarningsInput = z.infer<typeof earningsInputSchema>;

/** Per period (its first day): the seller's share of captured orders, what refunds took back, and the net. */
export const earningsPeriodSchema = z.object({
  period: z.string(),
  earned: z.number().int(),
  refunded: z.number().int(),
  net: z.number().int(),
});
export const earningsOutputSchema = z.object({
  currency: z.string(),
  granularity: z.enum(EARNINGS_GRANULARITIES),
  timeZone: z.string(),
  periods: z.array(earningsPeriodSchema),
  total: earningsPeriodSchema.omit({ period: true }),
});
export type EarningsReport = z.infer<typeof earningsOutputSchema>;

// Bank accounts on file.
export const createBankAccountInputSchema = z.object({
  bankName: z.string().trim().min(2, "Name the bank").max(80, "At most 80 characters"),
  accountHolder: z.string().trim().min(2, "Name the account holder").max(120, "At most 120 characters"),
  /** Digits, optionally grouped with spaces or dashes (removed before storing). */
  accountNumber: z
    .string()
    .trim()
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{5,34}$/, "An account number is 5 to 34 digits")),
});
export type CreateBankAccountInput = z.infer<typeof createBankAccountInputSchema>;

export const bankAccountSchema = z.object({
  id: z.string(),
  bankName: z.string(),
  accountHolder: z.string(),
  /** e.g. "••••••7890": the full number is only shown to staff paying a withdrawal. */
  accountNumberMasked: z.string(),
  createdAt: z.date(),
});
export type BankAccount = z.infer<typeof bankAccountSchema>;
export const bankAccountListSchema = z.array(bankAccountSchema);
export const bankAccountIdInputSchema = z.object({ id: entityIdSchema });

// Withdrawals.
export const WITHDRAWAL_STATUSES = ["requested", "approved", "paid", "failed", "rejected"] as const;
export const withdrawalStatusSchema = z.enum(WITHDRAWAL_STATUSES);
export type WithdrawalStatusName = z.infer<typeof withdrawalStatusSchema>;

export const requestWithdrawalInputSchema = z.object({ amount: moneyAmountSchema, bankAccountId: entityIdSchema });
export type RequestWithdrawalInput = z.infer<typeof requestWithdrawalInputSchema>;

export const withdrawalSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  status: withdrawalStatusSchema,
  method: z.enum(["stripe", "manual"]).nullable(),
  reference: z.string().nullable(),
  failureReason: z.string().nullable(),
  rejectReason: z.string().nullable(),
  bankAccount: bankAccountSchema.omit({ createdAt: true }),
  createdAt: z.date(),
  approvedAt: z.date().nullable(),
  paidAt: z.date().nullable(),
  failedAt: z.date().nullable(),
  rejectedAt: z.date().nullable(),
});
export type Withdrawal = z.infer<typeof withdrawalSchema>;

export const listWithdrawalsInputSchema = pageInputSchema.extend({ status: withdrawalStatusSchema.optional() });
export type ListWithdrawalsInput = z.infer<typeof listWithdrawalsInputSchema>;
export const withdrawalPageSchema = pageOutputSchema(withdrawalSchema);

/** What staff see: the store, the full account number to pay, and the Stripe transfer. */
export const adminWithdrawalSchema = withdrawalSchema.extend({
  storeName: z.string(),
  accountNumber: z.string(),
  transferId: z.string().nullable(),
});
export type AdminWithdrawal = z.infer<typeof adminWithdrawalSchema>;
export const adminListWithdrawalsInputSchema = listWithdrawalsInputSchema.extend({
  storeId: entityIdSchema.optional(),
});
export type AdminListWithdrawalsInput = z.infer<typeof adminListWithdrawalsInputSchema>;
export const adminWithdrawalPageSchema = pageOutputSchema(adminWithdrawalSchema);

export const withdrawalIdInputSchema = z.object({ id: entityIdSchema });
export const markWithdrawalPaidInputSchema = z.object({
  id: entityIdSchema,
  reference: z.string().trim().min(3, "Give the bank transfer's reference").max(120),
});
export const rejectWithdrawalInputSchema = z.object({
  id: entityIdSchema,
  reason: z.string().trim().min(3, "Say why the withdrawal is rejected").max(500),
});

/** The Stripe Connect account a store's payouts are transferred to; null clears it (payouts by hand). */
export const setStoreStripeAccountInputSchema = z.object({
  storeId: entityIdSchema,
  stripeAccountId: z
    .string()
    .trim()
    .max(255)
    .regex(/^acct_[A-Za-z0-9]+$/, "A Stripe account id looks like acct_...")
    .nullable(),
});
export type SetStoreStripeAccountInput = z.infer<typeof setStoreStripeAccountInputSchema>;

export const storePayoutAccountSchema = z.object({
  storeId: z.string(),
  stripeAccountId: z.string().nullable(),
});
export type StorePayoutAccount = z.infer<typeof storePayoutAccountSchema>;
