import { revokeSessionInputSchema } from "@niaga/contracts";
import { revokeSessionOfUser } from "@niaga/core/sessions/sessions.service";
import { z } from "zod";
import { authedProcedure } from "../../../trpc.ts";

export const revokeMySessionProcedure = authedProcedure
  .input(revokeSessionInputSchema)
  .output(z.object({ revoked: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await revokeSessionOfUser(ctx.db, ctx.principal.userId, input.sessionId);
    return { revoked: true as const };
  });
