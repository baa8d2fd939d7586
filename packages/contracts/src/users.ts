import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";
import { roleSchema } from "./roles.ts";

const nameSchema = z.string().trim().min(1, "Name is required").max(100, "Name is at most 100 characters");
/** E.164-ish: digits with an optional leading +, 8–16 digits; spaces and dashes are stripped first. */
export const phoneSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\+?[0-9]{8,16}$/, "Phone must be 8–16 digits, optionally starting with +"));

/** What a signed-in user sees of themselves. */
export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  phone: z.string().nullable(),
  image: z.string().nullable(),
  emailVerified: z.boolean(),
  createdAt: z.date(),
});
export type Me = z.infer<typeof meSchema>;

export const updateMeInputSchema = z
  .object({
    name: nameSchema.optional(),
    phone: phoneSchema.nullable().optional(),
  })
  .refine((input) => input.name !== undefined || input.phone !== undefined, "Nothing to update");
export type UpdateMeInput = z.infer<typeof updateMeInputSchema>;

/** What an admin sees of any user. */
export const adminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  phone: z.string().nullable(),
  active: z.boolean(),
  deactivatedReason: z.string().nullable(),
  createdAt: z.date(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const listUsersInputSchema = pageInputSchema.extend({
  search: z.string().trim().max(100).optional(),
  role: roleSchema.optional(),
  active: z.boolean().optional(),
});
export type ListUsersInput = z.infer<typeof listUsersInputSchema>;
export const listUsersOutputSchema = pageOutputSchema(adminUserSchema);

const userIdSchema = z.string().min(1).max(64);

export const setRoleInputSchema = z.object({ userId: userIdSchema, role: roleSchema });
export const setActiveInputSchema = z.object({
  userId: userIdSchema,
  active: z.boolean(),
  reason: z.string().trim().max(500).optional(),
});

export const passwordSchema = z
  .string()
  .min(10, "Password must be at least 10 characters")
  .max(128, "Password is at most 128 characters");

export const createAdminInputSchema = z.object({
  email: z.email("Enter a valid email address").max(254),
  name: nameSchema,
  password: passwordSchema,
  role: z.enum(["admin", "superadmin"]).default("admin"),
});
export type CreateAdminInput = z.infer<typeof createAdminInputSchema>;
