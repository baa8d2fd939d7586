import { complaintDetailSchema, decideComplaintInputSchema } from "@niaga/contracts";
import { decideComplaint } from "@niaga/core/complaints/complaints.decisions";
import { gatewaysOf } from "@niaga/core/refunds/refund-gateway";
import { actorOf } from "../../../actor.ts";
import { managerProcedure } from "../../../trpc.ts";

/** The final word on an escalated complaint; audited. */
export const decideComplaintProcedure = managerProcedure
  .input(decideComplaintInputSchema)
  .output(complaintDetailSchema)
  .mutation(({ ctx, input }) => decideComplaint(ctx.db, { refunds: gatewaysOf(ctx.payments) }, actorOf(ctx), input));
