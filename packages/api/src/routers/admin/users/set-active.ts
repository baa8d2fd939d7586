import { adminUserSchema, setActiveInputSchema } from "@niaga/contracts";
import { setUserActive } from "@niaga/core/users/users.service";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const setActiveProcedure = adminProcedure
  .input(setActiveInputSchema)
  .output(adminUserSchema)
  .mutation(({ ctx, input }) => setUserActive(ctx.db, actorOf(ctx), input));
