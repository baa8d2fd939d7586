import { jobCommandOutputSchema, retryJobInputSchema } from "@niaga/contracts";
import { retryFailedJob } from "@niaga/core/jobs-admin/jobs-admin.service";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const retryJobProcedure = adminProcedure
  .input(retryJobInputSchema)
  .output(jobCommandOutputSchema)
  .mutation(({ ctx, input }) => retryFailedJob(ctx.db, ctx.jobs, actorOf(ctx), input));
