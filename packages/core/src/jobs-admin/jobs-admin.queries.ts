import type { JobFailure, JobQueueStats } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";

// pg-boss's own tables (schema "pgboss"), read with SQL: exact counts without starting a pg-boss
// instance in the API process. They exist once a worker has started.

/** True once pg-boss has installed its schema in this database. */
export async function pgBossInstalled(db: Db): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass('pgboss.queue') is not null as present`.execute(
    db,
  );
  return rows[0]?.present === true;
}

/** Every queue with its queued (created + retry), active, failed and completed counts, by name. */
export async function selectQueueStats(db: Db): Promise<JobQueueStats[]> {
  if (!(await pgBossInstalled(db))) return [];
  const { rows } = await sql<{
    name: string;
    queued: string;
    active: string;
    failed: string;
    completed: string;
    schedule: string | null;
  }>`
    select q.name,
      count(j.id) filter (where j.state in ('created', 'retry')) as queued,
      count(j.id) filter (where j.state = 'active') as active,
      count(j.id) filter (where j.state = 'failed') as failed,
      count(j.id) filter (where j.state = 'completed') as completed,
      (select s.cron from pgboss.schedule s where s.name = q.name order by s.key limit 1) as schedule
    from pgboss.queue q
    left join pgboss.job j on j.name = q.name
    group by q.name
    order by q.name`.execute(db);
  return rows.map((row) => ({
    name: row.name,
    queued: Number(row.queued),
    active: Number(row.active),
    failed: Number(row.failed),
    completed: Number(row.completed),
    schedule: row.schedule,
  }));
}

/** Failed jobs, most recent first, with the error output pg-boss stored. */
export async function selectJobFailures(
  db: Db,
  params: { queue?: string | undefined; limit: number },
): Promise<JobFailure[]> {
  if (!(await pgBossInstalled(db))) return [];
  const { rows } = await sql<{
    id: string;
    name: string;
    retry_count: number;
    output: unknown;
    created_on: Date;
    completed_on: Date | null;
  }>`
    select id, name, retry_count, output, created_on, completed_on
    from pgboss.job
    where state = 'failed' ${params.queue ? sql`and name = ${params.queue}` : sql``}
    order by completed_on desc nulls last, created_on desc
    limit ${params.limit}`.execute(db);
  return rows.map((row) => ({
    id: row.id,
    queue: row.name,
    retryCount: row.retry_count,
    error: row.output === null || row.output === undefined ? null : JSON.stringify(row.output),
    createdAt: row.created_on,
    failedAt: row.completed_on,
  }));
}

/** The state of one job, or null when there is no such job in that queue. */
export async function selectJobState(db: Db, params: { queue: string; id: string }): Promise<string | null> {
  if (!(await pgBossInstalled(db))) return null;
  const { rows } = await sql<{ state: string }>`
    select state::text as state from pgboss.job where name = ${params.queue} and id = ${params.id}::uuid`.execute(db);
  return rows[0]?.state ?? null;
}

/** True when a queue of that name exists (scheduled or not). */
export async function queueExists(db: Db, name: string): Promise<boolean> {
  if (!(await pgBossInstalled(db))) return false;
  const { rows } = await sql<{ name: string }>`select name from pgboss.queue where name = ${name}`.execute(db);
  return rows.length > 0;
}
