import { jobQueuesOutputSchema } from "@niaga/contracts";
import { listJobQueues } from "@niaga/core/jobs-admin/jobs-admin.service";
import { adminProcedure } from "../../../trpc.ts";

export const listJobQueuesProcedure = adminProcedure
  .output(jobQueuesOutputSchema)
  .query(({ ctx }) => listJobQueues(ctx.db));
