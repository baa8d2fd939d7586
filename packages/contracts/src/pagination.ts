import { z } from "zod";

export const pageInputSchema = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).nullish(),
});

export function pageOutputSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
