import { getPublicProductInputSchema, publicProductSchema } from "@niaga/contracts";
import { getPublicProduct } from "@niaga/core/catalog/public-product";
import { publicProcedure } from "../../../trpc.ts";

export const getPublicProductProcedure = publicProcedure
  .input(getPublicProductInputSchema)
  .output(publicProductSchema)
  .query(({ ctx, input }) => getPublicProduct(ctx.db, input));
