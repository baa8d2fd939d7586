import { searchProductsInputSchema, searchResultSchema } from "@niaga/contracts";
import { searchProducts } from "@niaga/core/search/search.service";
import { publicProcedure } from "../../../trpc.ts";

export const searchProductsProcedure = publicProcedure
  .input(searchProductsInputSchema)
  .output(searchResultSchema)
  .query(({ ctx, input }) => searchProducts(ctx.db, input));
