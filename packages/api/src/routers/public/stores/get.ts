import { getPublicStoreInputSchema, publicStoreSchema } from "@niaga/contracts";
import { getPublicStore } from "@niaga/core/stores/stores.service";
import { publicProcedure } from "../../../trpc.ts";

export const getPublicStoreProcedure = publicProcedure
  .input(getPublicStoreInputSchema)
  .output(publicStoreSchema)
  .query(({ ctx, input }) => getPublicStore(ctx.db, input.slug));
