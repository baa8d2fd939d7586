import type { ListReconciliationMismatchesInput, ReconciliationMismatch, ReconciliationRun } from "@niaga/contracts";
import type { ReconciliationMismatchTable, ReconciliationRunTable } from "@niaga/db";
import type { Selectable } from "kysely";
import type { Db } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import { decodeExactCursor, exactTimestamp, olderThan, pageOf } from "../shared/exact-cursor.ts";

export function toRun(row: Selectable<ReconciliationRunTable>): ReconciliationRun {
  return {
    id: row.id,
    provider: row.provider,
    windowFrom: row.window_from,
    windowTo: row.window_to,
    status: row.status,
    trigger: row.trigger,
    gatewayRecords: row.gateway_records,
    ledgerRecords: row.ledger_records,
    matched: row.matched,
    mismatchesFound: row.mismatches_found,
    mismatchesNew: row.mismatches_new,
    error: row.error,
    actorId: row.actor_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function toMismatch(row: Selectable<ReconciliationMismatchTable>): ReconciliationMismatch {
  return {
    id: row.id,
    runId: row.run_id,
    lastSeenRunId: row.last_seen_run_id,
    provider: row.provider,
    category: row.category,
    kind: row.kind,
    providerRef: row.provider_ref,
    entryId: row.entry_id,
    expected: row.expected,
    actual: row.actual,
    currency: row.currency,
    detail: row.detail,
    status: row.status,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at,
    note: row.note,
    createdAt: row.created_at,
  };
}

export async function getRun(db: Db, id: string): Promise<ReconciliationRun> {
  const row = await db.selectFrom("reconciliation_runs").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError("Reconciliation run");
  return toRun(row);
}

/** Runs, newest first, keyset-paged. */
export async function listReconciliationRuns(
  db: Db,
  input: { limit: number; cursor?: string | null | undefined },
): Promise<{ items: ReconciliationRun[]; nextCursor: string | null }> {
  let query = db
    .selectFrom("reconciliation_runs")
    .selectAll()
    .select(exactTimestamp("started_at").as("cursor_at"))
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(input.limit + 1);
  if (input.cursor) query = query.where(olderThan("started_at", "id", decodeExactCursor(input.cursor)));
  const page = pageOf(await query.execute(), input.limit);
  return { items: page.rows.map(toRun), nextCursor: page.nextCursor };
}

/** Mismatches, newest first, by status, kind, category and run (first found or seen again by it). */
export async function listReconciliationMismatches(
  db: Db,
  input: ListReconciliationMismatchesInput,
): Promise<{ items: ReconciliationMismatch[]; nextCursor: string | null }> {
  let query = db
    .selectFrom("reconciliation_mismatches")
    .selectAll()
    .select(exactTimestamp("created_at").as("cursor_at"))
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(input.limit + 1);
  if (input.status) query = query.where("status", "=", input.status);
  if (input.kind) query = query.where("kind", "=", input.kind);
  if (input.category) query = query.where("category", "=", input.category);
  const runId = input.runId;
  if (runId) query = query.where((eb) => eb.or([eb("run_id", "=", runId), eb("last_seen_run_id", "=", runId)]));
  if (input.cursor) query = query.where(olderThan("created_at", "id", decodeExactCursor(input.cursor)));
  const page = pageOf(await query.execute(), input.limit);
  return { items: page.rows.map(toMismatch), nextCursor: page.nextCursor };
}
