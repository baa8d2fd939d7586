import { createApiKeyInputSchema, createdApiKeySchema } from "@niaga/contracts";
import { createApiKey } from "@niaga/core/api-keys/api-keys.service";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const createApiKeyProcedure = adminProcedure
  .input(createApiKeyInputSchema)
  .output(createdApiKeySchema)
  .mutation(({ ctx, input }) => createApiKey(ctx.db, actorOf(ctx), input));
