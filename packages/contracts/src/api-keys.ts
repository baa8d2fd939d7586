import { z } from "zod";
import { roleSchema } from "./roles.ts";

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key, to recognise it; the secret is shown once, at creation. */
  prefix: z.string(),
  userId: z.string(),
  /** The key acts with this role, and only while its user still holds it. */
  role: roleSchema,
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type ApiKeySummary = z.infer<typeof apiKeySchema>;

export const createApiKeyInputSchema = z.object({
  userId: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  /** Days until the key expires; omit for a key that lives until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export const listApiKeysInputSchema = z.object({ userId: z.string().min(1).max(64).optional() });
export const revokeApiKeyInputSchema = z.object({ id: z.string().min(1).max(64) });
