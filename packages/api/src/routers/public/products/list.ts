import { listProductsInputSchema, productCardPageSchema } from "@niaga/contracts";
import { listProducts } from "@niaga/core/search/search.service";
import { publicProcedure } from "../../../trpc.ts";

export const listPublicProductsProcedure = publicProcedure
  .input(listProductsInputSchema)
  .output(productCardPageSchema)
  .query(({ ctx, input }) => listProducts(ctx.db, input));
