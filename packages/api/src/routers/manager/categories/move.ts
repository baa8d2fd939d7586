import { categorySchema, moveCategoryInputSchema } from "@niaga/contracts";
import { moveCategory } from "@niaga/core/categories/categories.service";
import { actorOf } from "../../../actor.ts";
import { managerProcedure } from "../../../trpc.ts";

export const moveCategoryProcedure = managerProcedure
  .input(moveCategoryInputSchema)
  .output(categorySchema)
  .mutation(({ ctx, input }) => moveCategory(ctx.db, actorOf(ctx), input));
