import { jobFailuresOutputSchema, listJobFailuresInputSchema } from "@niaga/contracts";
import { listJobFailures } from "@niaga/core/jobs-admin/jobs-admin.service";
import { adminProcedure } from "../../../trpc.ts";

export const listJobFailuresProcedure = adminProcedure
  .input(listJobFailuresInputSchema)
  .output(jobFailuresOutputSchema)
  .query(({ ctx, input }) => listJobFailures(ctx.db, input));
