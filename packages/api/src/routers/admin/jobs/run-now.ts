import { jobCommandOutputSchema, runJobNowInputSchema } from "@niaga/contracts";
import { runScheduledJobNow } from "@niaga/core/jobs-admin/jobs-admin.service";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const runJobNowProcedure = adminProcedure
  .input(runJobNowInputSchema)
  .output(jobCommandOutputSchema)
  .mutation(({ ctx, input }) => runScheduledJobNow(ctx.db, ctx.jobs, actorOf(ctx), input));
