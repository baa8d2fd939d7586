import { digestPreferenceSchema } from "@niaga/contracts";
import { updateDigestPreference } from "@niaga/core/notifications/preferences";
import { actorOf } from "../../../actor.ts";
import { authedProcedure } from "../../../trpc.ts";

export const updateDigestPreferenceProcedure = authedProcedure
  .input(digestPreferenceSchema)
  .output(digestPreferenceSchema)
  .mutation(({ ctx, input }) => updateDigestPreference(ctx.db, actorOf(ctx), input));
