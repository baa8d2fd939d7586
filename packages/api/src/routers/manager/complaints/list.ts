import { listComplaintsInputSchema, listComplaintsOutputSchema } from "@niaga/contracts";
import { listAllComplaints } from "@niaga/core/complaints/complaints.read";
import { managerProcedure } from "../../../trpc.ts";

/** Every complaint, escalated ones (waiting on a manager) first. */
export const listAllComplaintsProcedure = managerProcedure
  .input(listComplaintsInputSchema)
  .output(listComplaintsOutputSchema)
  .query(({ ctx, input }) => listAllComplaints(ctx.db, input));
