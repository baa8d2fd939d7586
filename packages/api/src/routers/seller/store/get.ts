import { sellerStoreSchema } from "@niaga/contracts";
import { getMyStore } from "@niaga/core/stores/stores.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const getMyStoreProcedure = sellerProcedure
  .output(sellerStoreSchema)
  .query(({ ctx }) => getMyStore(ctx.db, actorOf(ctx)));
