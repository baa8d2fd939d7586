import { z } from "zod";

export const healthSchema = z.object({
  status: z.literal("ok"),
  time: z.date(),
  version: z.string(),
});
