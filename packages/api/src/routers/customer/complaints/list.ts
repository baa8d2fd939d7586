import { listComplaintsInputSchema, listComplaintsOutputSchema } from "@niaga/contracts";
import { listMyComplaints } from "@niaga/core/complaints/complaints.read";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const listMyComplaintsProcedure = customerProcedure
  .input(listComplaintsInputSchema)
  .output(listComplaintsOutputSchema)
  .query(({ ctx, input }) => listMyComplaints(ctx.db, actorOf(ctx), input));
