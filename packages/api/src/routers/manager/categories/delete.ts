import { deleteCategoryInputSchema } from "@niaga/contracts";
import { deleteCategory } from "@niaga/core/categories/categories.service";
import { z } from "zod";
import { actorOf } from "../../../actor.ts";
import { managerProcedure } from "../../../trpc.ts";

export const deleteCategoryProcedure = managerProcedure
  .input(deleteCategoryInputSchema)
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) => deleteCategory(ctx.db, actorOf(ctx), input));
