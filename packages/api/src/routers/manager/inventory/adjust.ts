import { inventoryLevelSchema, managerAdjustInventoryInputSchema } from "@niaga/contracts";
import { managerAdjustInventory } from "@niaga/core/inventory/inventory.service";
import { actorOf } from "../../../actor.ts";
import { managerProcedure } from "../../../trpc.ts";

export const managerAdjustInventoryProcedure = managerProcedure
  .input(managerAdjustInventoryInputSchema)
  .output(inventoryLevelSchema)
  .mutation(({ ctx, input }) => managerAdjustInventory(ctx.db, actorOf(ctx), input));
