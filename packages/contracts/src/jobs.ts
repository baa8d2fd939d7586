import { z } from "zod";

const queueName = z
  .string()
  .min(1, "Required")
  .max(100, "Too long")
  .regex(/^[a-z0-9._-]+$/, "Letters, digits, dots, dashes and underscores only");

export const jobQueueStatsSchema = z.object({
  name: z.string(),
  queued: z.number().int(),
  active: z.number().int(),
  failed: z.number().int(),
  completed: z.number().int(),
  /** The cron expression when the queue runs a system task on a schedule. */
  schedule: z.string().nullable(),
});
export type JobQueueStats = z.infer<typeof jobQueueStatsSchema>;
export const jobQueuesOutputSchema = z.array(jobQueueStatsSchema);

export const listJobFailuresInputSchema = z.object({
  queue: queueName.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListJobFailuresInput = z.infer<typeof listJobFailuresInputSchema>;

export const jobFailureSchema = z.object({
  id: z.string(),
  queue: z.string(),
  retryCount: z.number().int(),
  /** The error pg-boss recorded (message and stack as the handler threw it), as JSON text. */
  error: z.string().nullable(),
  createdAt: z.date(),
  failedAt: z.date().nullable(),
});
export type JobFailure = z.infer<typeof jobFailureSchema>;
export const jobFailuresOutputSchema = z.array(jobFailureSchema);

export const retryJobInputSchema = z.object({
  queue: queueName,
  id: z.uuid({ error: "Must be a job id (uuid)" }),
});
export type RetryJobInput = z.infer<typeof retryJobInputSchema>;

export const runJobNowInputSchema = z.object({ name: queueName });
export type RunJobNowInput = z.infer<typeof runJobNowInputSchema>;

export const jobCommandOutputSchema = z.object({ id: z.string() });
