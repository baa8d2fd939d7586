import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";

export const coinEntryKindSchema = z.enum([
  "daily_claim",
  "streak_bonus",
  "checkout_redeem",
  "checkout_refund",
  "adjustment",
]);
export type CoinEntryKindDto = z.infer<typeof coinEntryKindSchema>;

/** A calendar date in the marketplace time zone, `YYYY-MM-DD`. */
const calendarDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One ledger entry as its owner sees it; `delta` is signed whole coins. */
export const coinEntrySchema = z.object({
  id: z.string(),
  delta: z.number().int(),
  kind: coinEntryKindSchema,
  /** The claim date for claims, the checkout id for checkout entries, else null. */
  reference: z.string().nullable(),
  createdAt: z.date(),
});
export type CoinEntry = z.infer<typeof coinEntrySchema>;

export const coinHistoryInputSchema = pageInputSchema;
export type CoinHistoryInput = z.infer<typeof coinHistoryInputSchema>;
export const coinHistoryOutputSchema = pageOutputSchema(coinEntrySchema);
export type CoinHistoryPage = z.infer<typeof coinHistoryOutputSchema>;

/** The caller's balance, today's claim state and streak, and what a coin is worth at checkout. */
export const coinBalanceSchema = z.object({
  balance: z.number().int().min(0),
  /** Today in the marketplace time zone. */
  today: calendarDateSchema,
  claimedToday: z.boolean(),
  /** Consecutive days claimed, ending today or (still unbroken) yesterday; 0 when broken. */
  streak: z.number().int().min(0),
  /** Coins the next claim pays (today's if not yet claimed, else tomorrow's) if the streak holds. */
  nextClaimCoins: z.number().int().min(0),
  minorUnitsPerCoin: z.number().int().min(1),
  maxRedeemPercent: z.number().int().min(0).max(100),
});
export type CoinBalance = z.infer<typeof coinBalanceSchema>;

/**
 * The answer to a daily claim. A second claim on the same day is not an error: it answers
 * `alreadyClaimed: true` with that day's claim and credits nothing.
 */
export const claimDailyOutputSchema = z.object({
  alreadyClaimed: z.boolean(),
  claimDate: calendarDateSchema,
  streak: z.number().int().min(1),
  /** Coins the day's claim credited (daily amount plus streak bonus). */
  coins: z.number().int().min(0),
  balance: z.number().int().min(0),
});
export type ClaimDailyResult = z.infer<typeof claimDailyOutputSchema>;
