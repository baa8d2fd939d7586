import { meSchema, updateMeInputSchema } from "@niaga/contracts";
import { updateMe } from "@niaga/core/users/users.service";
import { authedProcedure } from "../../../trpc.ts";

export const updateMeProcedure = authedProcedure
  .input(updateMeInputSchema)
  .output(meSchema)
  .mutation(({ ctx, input }) => updateMe(ctx.db, ctx.principal.userId, input));
