import { categorySchema, updateCategoryInputSchema } from "@niaga/contracts";
import { updateCategory } from "@niaga/core/categories/categories.service";
import { actorOf } from "../../../actor.ts";
import { managerProcedure } from "../../../trpc.ts";

export const updateCategoryProcedure = managerProcedure
  .input(updateCategoryInputSchema)
  .output(categorySchema)
  .mutation(({ ctx, input }) => updateCategory(ctx.db, actorOf(ctx), input));
