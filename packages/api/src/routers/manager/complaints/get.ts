import { complaintDetailSchema, complaintIdInputSchema } from "@niaga/contracts";
import { getAnyComplaint } from "@niaga/core/complaints/complaints.read";
import { managerProcedure } from "../../../trpc.ts";

export const getAnyComplaintProcedure = managerProcedure
  .input(complaintIdInputSchema)
  .output(complaintDetailSchema)
  .query(({ ctx, input }) => getAnyComplaint(ctx.db, input));
