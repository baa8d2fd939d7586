import type { Principal } from "@niaga/auth";
import type { Actor } from "@niaga/core/users/users.service";

/** The acting user as domain functions want it. */
export function actorOf(ctx: { principal: Principal; requestId: string }): Actor {
  return { userId: ctx.principal.userId, role: ctx.principal.role, requestId: ctx.requestId };
}
