import { complaintDetailSchema, openComplaintInputSchema } from "@niaga/contracts";
import { openComplaint } from "@niaga/core/complaints/complaints.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const openComplaintProcedure = customerProcedure
  .input(openComplaintInputSchema)
  .output(complaintDetailSchema)
  .mutation(({ ctx, input }) =>
    openComplaint(ctx.db, actorOf(ctx), { ...input, responseHours: ctx.config.COMPLAINT_SELLER_RESPONSE_HOURS }),
  );
