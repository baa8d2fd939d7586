import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";
import { entityIdSchema } from "./stores.ts";

/** A journal entry's kind, e.g. "payment.captured", "order.completed", "refund", "withdrawal.requested". */
const entryKindSchema = z
  .string()
  .trim()
  .min(1, "Kind is required")
  .max(64, "Kind is at most 64 characters")
  .regex(/^[a-z0-9_.:-]+$/, "Kind is lowercase letters, digits and . _ : -");

const filterFields = {
  kind: entryKindSchema.optional(),
  /** Entries touching any account of this store (pending, available, payouts in transit). */
  storeId: entityIdSchema.optional(),
  /** Entries touching this customer's wallet. */
  customerId: entityIdSchema.optional(),
  referenceType: z.string().trim().min(1).max(40).optional(),
  referenceId: entityIdSchema.optional(),
  /** Inclusive lower bound on the entry's time. */
  from: z.date().optional(),
  /** Exclusive upper bound on the entry's time. */
  to: z.date().optional(),
};
const fromBeforeTo = [
  (value: { from?: Date | undefined; to?: Date | undefined }) => !value.from || !value.to || value.from < value.to,
  { message: "`from` must be before `to`", path: ["to"] },
] as [(value: { from?: Date | undefined; to?: Date | undefined }) => boolean, { message: string; path: string[] }];

/** Filters over journal entries; the CSV export takes the same ones. */
export const ledgerTransactionFiltersSchema = z.object(filterFields).refine(...fromBeforeTo);
export type LedgerTransactionFilters = z.infer<typeof ledgerTransactionFiltersSchema>;

export const listLedgerTransactionsInputSchema = z
  .object({ ...pageInputSchema.shape, ...filterFields })
  .refine(...fromBeforeTo);
export type ListLedgerTransactionsInput = z.infer<typeof listLedgerTransactionsInputSchema>;

/** One journal entry as a list row: its gross (the sum of its debits) in minor units. */
export const ledgerTransactionSchema = z.object({
  id: z.string(),
  kind: z.string(),
  referenceType: z.string(),
  referenceId: z.string(),
  memo: z.string(),
  actorId: z.string().nullable(),
  currency: z.string(),
  /** The sum of the entry's debit lines (equal to its credits): how much money the entry moved. */
  amount: z.number().int(),
  lineCount: z.number().int(),
  createdAt: z.date(),
});
export type LedgerTransaction = z.infer<typeof ledgerTransactionSchema>;
export const listLedgerTransactionsOutputSchema = pageOutputSchema(ledgerTransactionSchema);

export const ledgerEntryInputSchema = z.object({ id: entityIdSchema });

export const ledgerLineSchema = z.object({
  id: z.number().int(),
  accountId: z.string(),
  accountCode: z.string(),
  accountKind: z.string(),
  ownerType: z.enum(["store", "customer", "provider"]).nullable(),
  ownerId: z.string().nullable(),
  /** Signed minor units: positive debits, negative credits. */
  amount: z.number().int(),
  currency: z.string(),
});
export type LedgerLine = z.infer<typeof ledgerLineSchema>;

export const ledgerEntryDetailSchema = z.object({
  id: z.string(),
  kind: z.string(),
  referenceType: z.string(),
  referenceId: z.string(),
  idempotencyKey: z.string(),
  memo: z.string(),
  actorId: z.string().nullable(),
  createdAt: z.date(),
  lines: z.array(ledgerLineSchema),
});
export type LedgerEntryDetail = z.infer<typeof ledgerEntryDetailSchema>;

export const listLedgerAccountsInputSchema = z.object({
  ...pageInputSchema.shape,
  ownerType: z.enum(["store", "customer", "provider", "platform"]).optional(),
  ownerId: entityIdSchema.optional(),
  kind: entryKindSchema.optional(),
});
export type ListLedgerAccountsInput = z.infer<typeof listLedgerAccountsInputSchema>;

export const ledgerAccountSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.string(),
  normalSide: z.enum(["debit", "credit"]),
  ownerType: z.enum(["store", "customer", "provider"]).nullable(),
  ownerId: z.string().nullable(),
  currency: z.string(),
  /** The balance as people read it: credit-normal accounts show what is owed as positive. */
  balance: z.number().int(),
  /** The raw cached balance: debits positive, credits negative. */
  debitBalance: z.number().int(),
});
export type LedgerAccount = z.infer<typeof ledgerAccountSchema>;
export const listLedgerAccountsOutputSchema = pageOutputSchema(ledgerAccountSchema);

export const ledgerCheckSchema = z.object({
  ok: z.boolean(),
  unbalancedEntries: z.array(z.object({ entryId: z.string(), currency: z.string(), sum: z.number().int() })),
  balanceMismatches: z.array(z.object({ code: z.string(), cached: z.number().int(), lines: z.number().int() })),
  emptyEntries: z.array(z.string()),
});

/** The CSV export: one row per journal line of the filtered entries, at most this many entries. */
export const LEDGER_EXPORT_MAX_ENTRIES = 10_000;
export const ledgerExportOutputSchema = z.object({
  filename: z.string(),
  contentType: z.literal("text/csv; charset=utf-8"),
  rowCount: z.number().int(),
  /** True when more entries matched than the export's limit: narrow the filters. */
  truncated: z.boolean(),
  csv: z.string(),
});
export type LedgerExport = z.infer<typeof ledgerExportOutputSchema>;
