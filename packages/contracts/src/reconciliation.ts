import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";
import { entityIdSchema } from "./stores.ts";

export const RECONCILIATION_CATEGORIES = ["payment", "refund", "payout"] as const;
export const RECONCILIATION_MISMATCH_KINDS = [
  "missing_at_gateway",
  "missing_in_ledger",
  "amount_differs",
  "status_differs",
] as const;

export const reconciliationRunSchema = z.object({
  id: z.string(),
  provider: z.string(),
  windowFrom: z.date(),
  windowTo: z.date(),
  status: z.enum(["running", "succeeded", "failed", "skipped"]),
  trigger: z.enum(["schedule", "admin"]),
  gatewayRecords: z.number().int(),
  ledgerRecords: z.number().int(),
  matched: z.number().int(),
  mismatchesFound: z.number().int(),
  mismatchesNew: z.number().int(),
  error: z.string().nullable(),
  actorId: z.string().nullable(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
});
export type ReconciliationRun = z.infer<typeof reconciliationRunSchema>;

export const listReconciliationRunsInputSchema = pageInputSchema;
export const listReconciliationRunsOutputSchema = pageOutputSchema(reconciliationRunSchema);

export const reconciliationMismatchSchema = z.object({
  id: z.string(),
  runId: z.string(),
  lastSeenRunId: z.string(),
  provider: z.string(),
  category: z.enum(RECONCILIATION_CATEGORIES),
  kind: z.enum(RECONCILIATION_MISMATCH_KINDS),
  providerRef: z.string().nullable(),
  entryId: z.string().nullable(),
  /** What the ledger says, in minor units (null: the ledger has nothing). */
  expected: z.number().int().nullable(),
  /** What the gateway says, in minor units (null: the gateway has nothing). */
  actual: z.number().int().nullable(),
  currency: z.string(),
  detail: z.string(),
  status: z.enum(["open", "resolved"]),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.date().nullable(),
  note: z.string().nullable(),
  createdAt: z.date(),
});
export type ReconciliationMismatch = z.infer<typeof reconciliationMismatchSchema>;

export const listReconciliationMismatchesInputSchema = pageInputSchema.extend({
  status: z.enum(["open", "resolved"]).optional(),
  kind: z.enum(RECONCILIATION_MISMATCH_KINDS).optional(),
  category: z.enum(RECONCILIATION_CATEGORIES).optional(),
  /** Mismatches first found by, or seen again by, this run. */
  runId: entityIdSchema.optional(),
});
export type ListReconciliationMismatchesInput = z.infer<typeof listReconciliationMismatchesInputSchema>;
export const listReconciliationMismatchesOutputSchema = pageOutputSchema(reconciliationMismatchSchema);

export const resolveMismatchInputSchema = z.object({
  id: entityIdSchema,
  note: z.string().trim().min(3, "Say how this was resolved").max(2000, "The note is at most 2000 characters"),
});
export type ResolveMismatchInput = z.infer<typeof resolveMismatchInputSchema>;

/** At most this long a window for one run (a run lists every gateway record in it). */
export const RECONCILIATION_MAX_WINDOW_DAYS = 31;

export const runReconciliationInputSchema = z
  .object({ from: z.date().optional(), to: z.date().optional() })
  .refine((value) => (value.from === undefined) === (value.to === undefined), {
    message: "Give both `from` and `to`, or neither (the previous day)",
    path: ["to"],
  })
  .refine((value) => !value.from || !value.to || value.from < value.to, {
    message: "`from` must be before `to`",
    path: ["to"],
  })
  .refine(
    (value) =>
      !value.from ||
      !value.to ||
      value.to.getTime() - value.from.getTime() <= RECONCILIATION_MAX_WINDOW_DAYS * 86_400_000,
    { message: `A window is at most ${RECONCILIATION_MAX_WINDOW_DAYS} days`, path: ["to"] },
  );
export type RunReconciliationInput = z.infer<typeof runReconciliationInputSchema>;
