import type { JobFailure, JobQueueStats, ListJobFailuresInput, RetryJobInput, RunJobNowInput } from "@niaga/contracts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import type { Actor } from "../users/users.service.ts";
import { selectJobFailures, selectJobState, selectQueueStats } from "./jobs-admin.queries.ts";

/**
 * What the API may ask of the job system. Implemented in @niaga/jobs over pg-boss (a small
 * client that starts no workers, supervisors or schedules), so core needs no pg-boss import.
 */
export interface JobsControl {
  /** Puts a failed job back in its queue; false when it is not (or no longer) failed. */
  retry(queue: string, id: string): Promise<boolean>;
  /** Sends a declared scheduled task now; null when no such scheduled task is declared. */
  runNow(name: string): Promise<string | null>;
  /** Releases its connections (process shutdown, tests). */
  close?(): Promise<void>;
}

/** Per queue: queued, active, failed and completed counts, and its schedule. */
export function listJobQueues(db: Db): Promise<JobQueueStats[]> {
  return selectQueueStats(db);
}

/** Recent failed jobs with the error pg-boss recorded. */
export function listJobFailures(db: Db, input: ListJobFailuresInput): Promise<JobFailure[]> {
  return selectJobFailures(db, { queue: input.queue, limit: input.limit });
}

/** Retries one failed job; NOT_FOUND for an unknown job, CONFLICT for one that is not failed. Audited. */
export async function retryFailedJob(
  db: Db,
  jobs: JobsControl,
  actor: Actor,
  input: RetryJobInput,
): Promise<{ id: string }> {
  const state = await selectJobState(db, input);
  if (state === null) throw new NotFoundError("Job");
  if (state !== "failed") throw new DomainError("CONFLICT", `A job that is ${state} cannot be retried`);
  if (!(await jobs.retry(input.queue, input.id))) throw new DomainError("CONFLICT", "The job is no longer failed");
  await recordAudit(db, {
    actorId: actor.userId,
    action: "jobs.retry",
    targetType: "job",
    targetId: input.id,
    data: { queue: input.queue },
    requestId: actor.requestId ?? null,
  });
  return { id: input.id };
}

/** Sends a scheduled system task now; NOT_FOUND when no such scheduled task exists. Audited. */
export async function runScheduledJobNow(
  db: Db,
  jobs: JobsControl,
  actor: Actor,
  input: RunJobNowInput,
): Promise<{ id: string }> {
  const id = await jobs.runNow(input.name);
  if (!id) throw new NotFoundError("Scheduled task");
  await recordAudit(db, {
    actorId: actor.userId,
    action: "jobs.run_now",
    targetType: "queue",
    targetId: input.name,
    data: { jobId: id },
    requestId: actor.requestId ?? null,
  });
  return { id };
}
