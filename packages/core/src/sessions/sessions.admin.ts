import { isAdminRole } from "@niaga/contracts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { ForbiddenError, NotFoundError } from "../shared/errors.ts";
import { roleOf } from "../users/users.mappers.ts";
import { findUserById } from "../users/users.queries.ts";
import type { Actor } from "../users/users.service.ts";
import { revokeAllSessionsOfUser, revokeSessionOfUser } from "./sessions.service.ts";

/** Staff revoke one or all sessions of a user; admin accounts' sessions are the superadmin's to revoke. */
export async function revokeUserSessions(
  db: Db,
  actor: Actor,
  params: { userId: string; sessionId?: string | undefined },
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const target = await findUserById(trx, params.userId);
    if (!target) throw new NotFoundError("User");
    if (isAdminRole(roleOf(target)) && actor.role !== "superadmin" && target.id !== actor.userId) {
      throw new ForbiddenError("Only a superadmin revokes an admin's sessions");
    }
    let revoked: number;
    if (params.sessionId) {
      await revokeSessionOfUser(trx, target.id, params.sessionId);
      revoked = 1;
    } else {
      revoked = await revokeAllSessionsOfUser(trx, target.id);
    }
    await recordAudit(trx, {
      actorId: actor.userId,
      action: "session.revoked",
      targetType: "user",
      targetId: target.id,
      data: { sessionId: params.sessionId ?? "all", count: revoked },
      requestId: actor.requestId,
    });
    return revoked;
  });
}
