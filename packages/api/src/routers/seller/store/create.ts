import { createStoreInputSchema, sellerStoreSchema } from "@niaga/contracts";
import { createStore } from "@niaga/core/stores/stores.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const createStoreProcedure = sellerProcedure
  .input(createStoreInputSchema)
  .output(sellerStoreSchema)
  .mutation(({ ctx, input }) => createStore(ctx.db, actorOf(ctx), input));
