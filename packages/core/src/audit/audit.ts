import type { Db } from "../shared/db.ts";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  data?: Record<string, unknown>;
  requestId?: string | null;
}

/** Appends to the audit log; call it with the transaction that made the change it records. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      data: JSON.stringify(entry.data ?? {}),
      request_id: entry.requestId ?? null,
    })
    .execute();
}

export interface AuditEntryView {
  id: number;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  data: Record<string, unknown>;
  requestId: string | null;
  createdAt: Date;
}

/** Newest first, optionally narrowed to one target; `beforeId` pages backwards. */
export async function listAuditLog(
  db: Db,
  params: {
    targetType?: string | undefined;
    targetId?: string | undefined;
    beforeId?: number | undefined;
    limit: number;
  },
): Promise<AuditEntryView[]> {
  let query = db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(params.limit);
  if (params.targetType) query = query.where("target_type", "=", params.targetType);
  if (params.targetId) query = query.where("target_id", "=", params.targetId);
  if (params.beforeId) query = query.where("id", "<", params.beforeId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data,
    requestId: row.request_id,
    createdAt: row.created_at,
  }));
}
