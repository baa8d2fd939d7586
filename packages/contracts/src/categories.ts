import { z } from "zod";
import { entityIdSchema, slugSchema } from "./stores.ts";

/** One category in the flat tree listing: parents come before their children. */
export const categorySchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  slug: z.string(),
  /** Ids from the root down to this category, itself included. */
  path: z.array(z.string()),
  depth: z.number().int(),
  position: z.number().int(),
});
export type Category = z.infer<typeof categorySchema>;

export const listCategoriesOutputSchema = z.object({ items: z.array(categorySchema) });

const categoryNameSchema = z.string().trim().min(1, "Name is required").max(100, "Name is at most 100 characters");
const positionSchema = z.number().int().min(0).max(100_000);

export const createCategoryInputSchema = z.object({
  name: categoryNameSchema,
  slug: slugSchema,
  parentId: entityIdSchema.nullable().default(null),
  position: positionSchema.optional(),
});
export type CreateCategoryInput = z.infer<typeof createCategoryInputSchema>;

export const updateCategoryInputSchema = z.object({
  id: entityIdSchema,
  data: z
    .object({ name: categoryNameSchema.optional(), slug: slugSchema.optional(), position: positionSchema.optional() })
    .refine((data) => Object.values(data).some((value) => value !== undefined), "Nothing to update"),
});
export type UpdateCategoryInput = z.infer<typeof updateCategoryInputSchema>;

/** Moves a category (and its subtree) under another parent, or to the root with `parentId: null`. */
export const moveCategoryInputSchema = z.object({
  id: entityIdSchema,
  parentId: entityIdSchema.nullable(),
  position: positionSchema.optional(),
});
export type MoveCategoryInput = z.infer<typeof moveCategoryInputSchema>;

export const deleteCategoryInputSchema = z.object({ id: entityIdSchema });
