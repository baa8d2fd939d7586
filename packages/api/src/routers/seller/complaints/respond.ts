import { complaintDetailSchema, respondComplaintInputSchema } from "@niaga/contracts";
import { respondToComplaint } from "@niaga/core/complaints/complaints.decisions";
import { gatewaysOf } from "@niaga/core/refunds/refund-gateway";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const respondToComplaintProcedure = sellerProcedure
  .input(respondComplaintInputSchema)
  .output(complaintDetailSchema)
  .mutation(({ ctx, input }) => respondToComplaint(ctx.db, { refunds: gatewaysOf(ctx.payments) }, actorOf(ctx), input));
