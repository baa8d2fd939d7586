import { listComplaintsInputSchema, listComplaintsOutputSchema } from "@niaga/contracts";
import { listStoreComplaints } from "@niaga/core/complaints/complaints.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const listStoreComplaintsProcedure = sellerProcedure
  .input(listComplaintsInputSchema)
  .output(listComplaintsOutputSchema)
  .query(({ ctx, input }) => listStoreComplaints(ctx.db, actorOf(ctx), input));
