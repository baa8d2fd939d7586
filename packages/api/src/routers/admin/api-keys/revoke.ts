import { revokeApiKeyInputSchema } from "@niaga/contracts";
import { revokeApiKey } from "@niaga/core/api-keys/api-keys.service";
import { z } from "zod";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const revokeApiKeyProcedure = adminProcedure
  .input(revokeApiKeyInputSchema)
  .output(z.object({ revoked: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await revokeApiKey(ctx.db, actorOf(ctx), input.id);
    return { revoked: true as const };
  });
