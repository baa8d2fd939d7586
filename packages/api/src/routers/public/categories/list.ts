import { listCategoriesOutputSchema } from "@niaga/contracts";
import { listCategories } from "@niaga/core/categories/categories.service";
import { publicProcedure } from "../../../trpc.ts";

export const listCategoriesProcedure = publicProcedure
  .output(listCategoriesOutputSchema)
  .query(({ ctx }) => listCategories(ctx.db));
