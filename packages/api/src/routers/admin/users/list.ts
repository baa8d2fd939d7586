import { listUsersInputSchema, listUsersOutputSchema } from "@niaga/contracts";
import { listUsers } from "@niaga/core/users/users.service";
import { adminProcedure } from "../../../trpc.ts";

export const listUsersProcedure = adminProcedure
  .input(listUsersInputSchema)
  .output(listUsersOutputSchema)
  .query(({ ctx, input }) => listUsers(ctx.db, input));
