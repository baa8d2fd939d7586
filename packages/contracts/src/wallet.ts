import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";

/** The customer's wallet balance in minor units. */
export const walletBalanceSchema = z.object({ currency: z.string(), balance: z.number().int() });
export type WalletBalance = z.infer<typeof walletBalanceSchema>;

export const walletHistoryInputSchema = pageInputSchema;
export type WalletHistoryInput = z.infer<typeof walletHistoryInputSchema>;

/** One movement of the wallet: positive amounts came in (top-up, refund), negative ones paid. */
export const walletLineSchema = z.object({
  id: z.number().int(),
  entryId: z.string(),
  kind: z.string(),
  memo: z.string(),
  amount: z.number().int(),
  createdAt: z.date(),
});
export type WalletLine = z.infer<typeof walletLineSchema>;
export const walletHistoryOutputSchema = pageOutputSchema(walletLineSchema);
