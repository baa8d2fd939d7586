import type { Config } from "@niaga/config";
import type { ReconciliationRun } from "@niaga/contracts";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit.ts";
import type { Actor } from "../users/users.service.ts";
import { runReconciliation } from "./reconciliation.service.ts";
import type { ReconciliationSource } from "./reconciliation.source.ts";
import { createReconciliationSource } from "./reconciliation.sources.ts";
import { previousDayWindow } from "./reconciliation.window.ts";

/**
 * The daily job: reconciles the previous calendar day in MARKETPLACE_TIME_ZONE. A replay of the
 * same day adds no duplicate mismatches (see runReconciliation).
 */
export function runScheduledReconciliation(
  db: Kysely<Database>,
  params: { config: Config; source?: ReconciliationSource; now?: Date },
): Promise<ReconciliationRun> {
  return runReconciliation(db, {
    source: params.source ?? createReconciliationSource(params.config, db),
    window: previousDayWindow(params.now ?? new Date(), params.config.MARKETPLACE_TIME_ZONE),
    trigger: "schedule",
    graceMinutes: params.config.RECONCILIATION_GRACE_MINUTES,
  });
}

/**
 * An admin's run, synchronous: the window given, or the previous day. The run names the admin
 * and the audit log records who started it.
 */
export async function runReconciliationNow(
  db: Kysely<Database>,
  actor: Actor,
  params: { config: Config; from?: Date | undefined; to?: Date | undefined; source?: ReconciliationSource; now?: Date },
): Promise<ReconciliationRun> {
  const window =
    params.from && params.to
      ? { from: params.from, to: params.to }
      : previousDayWindow(params.now ?? new Date(), params.config.MARKETPLACE_TIME_ZONE);
  const run = await runReconciliation(db, {
    source: params.source ?? createReconciliationSource(params.config, db),
    window,
    trigger: "admin",
    graceMinutes: params.config.RECONCILIATION_GRACE_MINUTES,
    actorId: actor.userId,
  });
  await recordAudit(db, {
    actorId: actor.userId,
    action: "reconciliation.run",
    targetType: "reconciliation_run",
    targetId: run.id,
    data: { provider: run.provider, from: run.windowFrom.toISOString(), to: run.windowTo.toISOString() },
    requestId: actor.requestId ?? null,
  });
  return run;
}
