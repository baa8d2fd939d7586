import { addressIdInputSchema, addressListSchema } from "@niaga/contracts";
import { setDefaultAddress } from "@niaga/core/addresses/addresses.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const setDefaultAddressProcedure = customerProcedure
  .input(addressIdInputSchema)
  .output(addressListSchema)
  .mutation(({ ctx, input }) => setDefaultAddress(ctx.db, actorOf(ctx), input));
