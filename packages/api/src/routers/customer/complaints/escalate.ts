import { complaintDetailSchema, escalateComplaintInputSchema } from "@niaga/contracts";
import { escalateComplaint } from "@niaga/core/complaints/complaints.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const escalateComplaintProcedure = customerProcedure
  .input(escalateComplaintInputSchema)
  .output(complaintDetailSchema)
  .mutation(({ ctx, input }) => escalateComplaint(ctx.db, actorOf(ctx), input));
