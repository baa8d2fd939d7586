import { sellerStoreSchema, updateStoreInputSchema } from "@niaga/contracts";
import { updateStore } from "@niaga/core/stores/stores.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const updateStoreProcedure = sellerProcedure
  .input(updateStoreInputSchema)
  .output(sellerStoreSchema)
  .mutation(({ ctx, input }) => updateStore(ctx.db, actorOf(ctx), input));
