import { apiKeySchema, listApiKeysInputSchema } from "@niaga/contracts";
import { listApiKeys } from "@niaga/core/api-keys/api-keys.service";
import { z } from "zod";
import { adminProcedure } from "../../../trpc.ts";

export const listApiKeysProcedure = adminProcedure
  .input(listApiKeysInputSchema)
  .output(z.array(apiKeySchema))
  .query(({ ctx, input }) => listApiKeys(ctx.db, input));
