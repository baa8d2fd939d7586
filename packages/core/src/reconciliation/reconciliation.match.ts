import type { ReconciliationCategory, ReconciliationMismatchKind } from "@niaga/db";
import type { LedgerMovement } from "./reconciliation.ledger.ts";
import type { GatewayRecord, ReconciliationWindow } from "./reconciliation.source.ts";

export interface MismatchDraft {
  category: ReconciliationCategory;
  kind: ReconciliationMismatchKind;
  providerRef: string | null;
  entryId: string | null;
  /** What the ledger says (null: nothing). */
  expected: number | null;
  /** What the gateway says (null: nothing). */
  actual: number | null;
  currency: string;
  detail: string;
  /** Stable per problem: a re-run of the window finds the same key and adds no second open row. */
  dedupeKey: string;
}

export interface Comparison {
  matched: number;
  mismatches: MismatchDraft[];
}

const inWindow = (at: Date, window: ReconciliationWindow) => at >= window.from && at < window.to;

/**
 * The matching rule, for one category. A ledger movement answers to a gateway record when the
 * record's id is one the payments / refunds / withdrawals rows link to the movement's business id,
 * or when the record carries that business id itself (gateway metadata). Then:
 * - matched, gateway status not `succeeded` → status_differs (the ledger says money moved);
 * - matched, amounts or currencies differ → amount_differs;
 * - a `succeeded` gateway record with no movement → missing_in_ledger (pending, failed,
 *   cancelled and reversed records without a movement are consistent: no money stayed);
 * - a non-zero movement with no gateway record → missing_at_gateway.
 * Both sides are read over the window widened by a grace period, so an entry posted a minute
 * after its gateway record (a slow webhook) still matches across the boundary; a one-sided
 * record is reported only when it lies inside the window itself, so adjacent windows never
 * report the same thing twice.
 */
export function compareCategory(params: {
  provider: string;
  category: ReconciliationCategory;
  window: ReconciliationWindow;
  gateway: readonly GatewayRecord[];
  ledger: readonly LedgerMovement[];
}): Comparison {
  const { provider, category, window } = params;
  const key = (kind: ReconciliationMismatchKind, subject: string) => `${provider}|${category}|${kind}|${subject}`;
  const byKey = new Map<string, GatewayRecord>();
  for (const record of params.gateway) {
    for (const id of [record.providerRef, ...(record.references ?? [])]) if (!byKey.has(id)) byKey.set(id, record);
  }
  const used = new Set<GatewayRecord>();
  const mismatches: MismatchDraft[] = [];
  let matched = 0;

  for (const movement of params.ledger) {
    const record = [...movement.providerRefs, movement.referenceId]
      .map((id) => byKey.get(id))
      .find((candidate) => candidate !== undefined && !used.has(candidate));
    const entryId = movement.entryIds.at(-1) ?? null;
    if (!record) {
      if (movement.amount !== 0 && inWindow(movement.createdAt, window)) {
        mismatches.push({
          category,
          kind: "missing_at_gateway",
          providerRef: movement.providerRefs[0] ?? null,
          entryId,
          expected: movement.amount,
          actual: null,
          currency: movement.currency,
          detail: `The ledger has ${category} ${movement.referenceId} (${movement.entryIds.length} entr${movement.entryIds.length === 1 ? "y" : "ies"}) but ${provider} has no such record`,
          dedupeKey: key("missing_at_gateway", `ref:${movement.referenceId}`),
        });
      }
      continue;
    }
    used.add(record);
    if (!inWindow(movement.createdAt, window) && !inWindow(record.createdAt, window)) continue;
    if (record.status !== "succeeded") {
      mismatches.push({
        category,
        kind: "status_differs",
        providerRef: record.providerRef,
        entryId,
        expected: movement.amount,
        actual: record.amount,
        currency: movement.currency,
        detail: `The ledger recorded ${category} ${movement.referenceId} as settled but ${provider} says ${record.status}`,
        dedupeKey: key("status_differs", record.providerRef),
      });
    } else if (record.amount !== movement.amount || record.currency !== movement.currency) {
      mismatches.push({
        category,
        kind: "amount_differs",
        providerRef: record.providerRef,
        entryId,
        expected: movement.amount,
        actual: record.amount,
        currency: movement.currency,
        detail: `The ledger has ${movement.amount} ${movement.currency} for ${category} ${movement.referenceId}; ${provider} has ${record.amount} ${record.currency}`,
        dedupeKey: key("amount_differs", record.providerRef),
      });
    } else {
      matched += 1;
    }
  }

  for (const record of params.gateway) {
    if (used.has(record) || record.status !== "succeeded" || !inWindow(record.createdAt, window)) continue;
    mismatches.push({
      category,
      kind: "missing_in_ledger",
      providerRef: record.providerRef,
      entryId: null,
      expected: null,
      actual: record.amount,
      currency: record.currency,
      detail: `${provider} has ${category} ${record.providerRef} (${record.amount} ${record.currency}, ${record.status}) but the ledger has no entry for it`,
      dedupeKey: key("missing_in_ledger", record.providerRef),
    });
  }
  return { matched, mismatches };
}
