import type { ReconciliationMismatch, ReconciliationRun, ResolveMismatchInput } from "@niaga/contracts";
import type { Database, ReconciliationCategory } from "@niaga/db";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import type { Actor } from "../users/users.service.ts";
import { loadLedgerMovements } from "./reconciliation.ledger.ts";
import type { MismatchDraft } from "./reconciliation.match.ts";
import { compareCategory } from "./reconciliation.match.ts";
import { getRun, toMismatch } from "./reconciliation.read.ts";
import type { GatewayRecord, ReconciliationSource, ReconciliationWindow } from "./reconciliation.source.ts";

export interface RunReconciliationParams {
  source: ReconciliationSource;
  window: ReconciliationWindow;
  trigger: "schedule" | "admin";
  /** Both sides are read this much beyond the window so a late entry still matches (see compareCategory). */
  graceMinutes: number;
  actorId?: string | null;
}

const CATEGORIES: readonly ReconciliationCategory[] = ["payment", "refund", "payout"];

/**
 * Compares one provider's records for a window with the ledger and stores every mismatch.
 * The run row is committed first (so a run that fails still shows, with its error); the gateway
 * is listed outside any transaction; the mismatches and the run's counts commit together. A
 * mismatch already open under the same key is updated (last seen by this run), never added
 * twice, and one an admin resolved is not reopened while its figures stay the same. Rethrows a
 * gateway failure after recording it, so the job's retry policy applies.
 */
export async function runReconciliation(
  db: Kysely<Database>,
  params: RunReconciliationParams,
): Promise<ReconciliationRun> {
  const { source, window } = params;
  if (!(window.from < window.to))
    throw new DomainError("INVALID", "The window must end after it starts", { to: ["`to` must be after `from`"] });
  const runId = newId();
  await db
    .insertInto("reconciliation_runs")
    .values({
      id: runId,
      provider: source.provider,
      window_from: window.from,
      window_to: window.to,
      trigger: params.trigger,
      actor_id: params.actorId ?? null,
    })
    .execute();
  try {
    const grace = params.graceMinutes * 60_000;
    const wide = { from: new Date(window.from.getTime() - grace), to: new Date(window.to.getTime() + grace) };
    const [payments, refunds, payouts] = await Promise.all([
      source.listPayments(wide),
      source.listRefunds(wide),
      source.listPayouts(wide),
    ]);
    const gateway: Record<ReconciliationCategory, GatewayRecord[]> = {
      payment: payments,
      refund: refunds,
      payout: payouts,
    };
    const ledger = await loadLedgerMovements(db, { provider: source.provider, window: wide });
    let matched = 0;
    const drafts: MismatchDraft[] = [];
    for (const category of CATEGORIES) {
      const result = compareCategory({
        provider: source.provider,
        category,
        window,
        gateway: gateway[category],
        ledger: ledger.filter((movement) => movement.category === category),
      });
      matched += result.matched;
      drafts.push(...result.mismatches);
    }
    const inside = (at: Date) => at >= window.from && at < window.to;
    await db.transaction().execute(async (trx) => {
      let created = 0;
      for (const draft of drafts)
        if (await storeMismatch(trx, { runId, provider: source.provider, draft })) created += 1;
      await trx
        .updateTable("reconciliation_runs")
        .set({
          status: "succeeded",
          gateway_records: [...payments, ...refunds, ...payouts].filter((record) => inside(record.createdAt)).length,
          ledger_records: ledger.filter((movement) => inside(movement.createdAt)).length,
          matched,
          mismatches_found: drafts.length,
          mismatches_new: created,
          finished_at: sql<Date>`now()`,
        })
        .where("id", "=", runId)
        .execute();
    });
  } catch (error) {
    await db
      .updateTable("reconciliation_runs")
      .set({
        status: "failed",
        error: error instanceof Error ? error.message : String(error),
        finished_at: sql<Date>`now()`,
      })
      .where("id", "=", runId)
      .execute();
    throw error;
  }
  return getRun(db, runId);
}

/** Inserts a mismatch, or refreshes the open one with the same key; true when a new row was added. */
async function storeMismatch(
  trx: Db,
  params: { runId: string; provider: string; draft: MismatchDraft },
): Promise<boolean> {
  const { draft } = params;
  const alreadyResolved = await trx
    .selectFrom("reconciliation_mismatches")
    .select("id")
    .where("dedupe_key", "=", draft.dedupeKey)
    .where("status", "=", "resolved")
    .where(sql<boolean>`expected is not distinct from ${draft.expected}::bigint`)
    .where(sql<boolean>`actual is not distinct from ${draft.actual}::bigint`)
    .executeTakeFirst();
  if (alreadyResolved) return false;
  const row = await trx
    .insertInto("reconciliation_mismatches")
    .values({
      id: newId(),
      run_id: params.runId,
      last_seen_run_id: params.runId,
      provider: params.provider,
      category: draft.category,
      kind: draft.kind,
      provider_ref: draft.providerRef,
      entry_id: draft.entryId,
      expected: draft.expected,
      actual: draft.actual,
      currency: draft.currency,
      detail: draft.detail,
      dedupe_key: draft.dedupeKey,
    })
    .onConflict((oc) =>
      oc
        .column("dedupe_key")
        // A literal, not a parameter: PostgreSQL matches the partial unique index only when it can
        // prove the predicate while planning, which a prepared statement's parameter does not allow.
        .where("status", "=", sql.lit("open"))
        .doUpdateSet((eb) => ({
          last_seen_run_id: eb.ref("excluded.last_seen_run_id"),
          expected: eb.ref("excluded.expected"),
          actual: eb.ref("excluded.actual"),
          detail: eb.ref("excluded.detail"),
          entry_id: eb.ref("excluded.entry_id"),
        })),
    )
    .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
    .executeTakeFirstOrThrow();
  return row.inserted;
}

/** Marks an open mismatch resolved with the admin's note, audited in the same transaction. */
export async function resolveMismatch(
  db: Db,
  actor: Actor,
  input: ResolveMismatchInput,
): Promise<ReconciliationMismatch> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("reconciliation_mismatches")
      .set({ status: "resolved", resolved_by: actor.userId, resolved_at: sql<Date>`now()`, note: input.note })
      .where("id", "=", input.id)
      .where("status", "=", "open")
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const exists = await trx
        .selectFrom("reconciliation_mismatches")
        .select("id")
        .where("id", "=", input.id)
        .executeTakeFirst();
      if (!exists) throw new NotFoundError("Mismatch");
      throw new DomainError("CONFLICT", "This mismatch is already resolved");
    }
    await recordAudit(trx, {
      actorId: actor.userId,
      action: "reconciliation.mismatch.resolve",
      targetType: "reconciliation_mismatch",
      targetId: row.id,
      data: { note: input.note, kind: row.kind, category: row.category, providerRef: row.provider_ref },
      requestId: actor.requestId ?? null,
    });
    return toMismatch(row);
  });
}
