import { z } from "zod";

export const sessionSchema = z.object({
  id: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** True for the session that made this request. */
  current: z.boolean(),
});
export type SessionSummary = z.infer<typeof sessionSchema>;

export const revokeSessionInputSchema = z.object({ sessionId: z.string().min(1).max(64) });
export const listUserSessionsInputSchema = z.object({ userId: z.string().min(1).max(64) });
export const revokeUserSessionInputSchema = z.object({
  userId: z.string().min(1).max(64),
  /** Omit to revoke every session of the user. */
  sessionId: z.string().min(1).max(64).optional(),
});
