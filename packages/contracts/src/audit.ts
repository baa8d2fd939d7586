import { z } from "zod";

export const auditEntrySchema = z.object({
  id: z.number().int(),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  data: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  createdAt: z.date(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const listAuditInputSchema = z.object({
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(64).optional(),
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
