import { healthSchema } from "@niaga/contracts";
import { publicProcedure } from "../../trpc.ts";

const VERSION = "0.1.0";

export const health = publicProcedure
  .output(healthSchema)
  .query(() => ({ status: "ok" as const, time: new Date(), version: VERSION }));
