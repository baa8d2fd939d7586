import { suggestProductsInputSchema, suggestProductsOutputSchema } from "@niaga/contracts";
import { suggestProducts } from "@niaga/core/search/search.service";
import { publicProcedure } from "../../../trpc.ts";

export const suggestProductsProcedure = publicProcedure
  .input(suggestProductsInputSchema)
  .output(suggestProductsOutputSchema)
  .query(({ ctx, input }) => suggestProducts(ctx.db, input));
