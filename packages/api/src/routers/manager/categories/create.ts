import { categorySchema, createCategoryInputSchema } from "@niaga/contracts";
import { createCategory } from "@niaga/core/categories/categories.service";
import { actorOf } from "../../../actor.ts";
import { managerProcedure } from "../../../trpc.ts";

export const createCategoryProcedure = managerProcedure
  .input(createCategoryInputSchema)
  .output(categorySchema)
  .mutation(({ ctx, input }) => createCategory(ctx.db, actorOf(ctx), input));
