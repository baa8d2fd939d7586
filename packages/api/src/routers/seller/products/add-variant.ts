import { addVariantInputSchema, sellerProductSchema } from "@niaga/contracts";
import { addVariant } from "@niaga/core/catalog/variants.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const addVariantProcedure = sellerProcedure
  .input(addVariantInputSchema)
  .output(sellerProductSchema)
  .mutation(({ ctx, input }) => addVariant(ctx.db, actorOf(ctx), input));
