import { listInventoryInputSchema, listInventoryOutputSchema } from "@niaga/contracts";
import { listInventory } from "@niaga/core/inventory/inventory.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const listInventoryProcedure = sellerProcedure
  .input(listInventoryInputSchema)
  .output(listInventoryOutputSchema)
  .query(({ ctx, input }) => listInventory(ctx.db, actorOf(ctx), input));
