import { adjustInventoryInputSchema, inventoryLevelSchema } from "@niaga/contracts";
import { adjustInventory } from "@niaga/core/inventory/inventory.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const adjustInventoryProcedure = sellerProcedure
  .input(adjustInventoryInputSchema)
  .output(inventoryLevelSchema)
  .mutation(({ ctx, input }) => adjustInventory(ctx.db, actorOf(ctx), input));
