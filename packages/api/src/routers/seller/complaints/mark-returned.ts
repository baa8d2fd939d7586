import { complaintDetailSchema, complaintIdInputSchema } from "@niaga/contracts";
import { markComplaintReturned } from "@niaga/core/complaints/complaints.decisions";
import { gatewaysOf } from "@niaga/core/refunds/refund-gateway";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const markComplaintReturnedProcedure = sellerProcedure
  .input(complaintIdInputSchema)
  .output(complaintDetailSchema)
  .mutation(({ ctx, input }) =>
    markComplaintReturned(ctx.db, { refunds: gatewaysOf(ctx.payments) }, actorOf(ctx), input),
  );
