import type { Role } from "@niaga/contracts";
import { authenticateApiKey } from "@niaga/core/api-keys/api-keys.service";
import { roleOf } from "@niaga/core/users/users.mappers";
import type { Database } from "@niaga/db";
import type { JSONWebKeySet } from "jose";
import { createLocalJWKSet, jwtVerify } from "jose";
import type { Kysely } from "kysely";
import type { Auth } from "./auth.ts";
import { JWT_AUDIENCE } from "./auth.ts";

export type AuthMethod = "session" | "jwt" | "api-key";

/** Who made a request, however they proved it. */
export interface Principal {
  userId: string;
  role: Role;
  email: string;
  name: string;
  method: AuthMethod;
  /** Set for cookie and bearer sessions only. */
  sessionId: string | null;
}

const JWKS_CACHE_MS = 5 * 60_000;

/**
 * Resolves the principal of a request from, in order: an `x-api-key` header, a better-auth
 * session (cookie, or `Authorization: Bearer <session token>`), or `Authorization: Bearer <JWT>`
 * signed by this server's JWKS. Banned users and unknown credentials resolve to null.
 */
export function createAuthenticator(auth: Auth, db: Kysely<Database>, issuer: string) {
  let jwks: { set: ReturnType<typeof createLocalJWKSet>; at: number } | null = null;
  const keySet = async () => {
    if (!jwks || Date.now() - jwks.at > JWKS_CACHE_MS) {
      const document = (await auth.api.getJwks()) as JSONWebKeySet;
      jwks = { set: createLocalJWKSet(document), at: Date.now() };
    }
    return jwks.set;
  };

  const principalForUser = async (userId: string, method: AuthMethod): Promise<Principal | null> => {
    const user = await db
      .selectFrom("user")
      .select(["id", "role", "email", "name", "banned"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!user || user.banned) return null;
    return { userId: user.id, role: roleOf(user), email: user.email, name: user.name, method, sessionId: null };
  };

  return async function authenticate(headers: Headers): Promise<Principal | null> {
    // Every credential arrives in one of these three headers; an anonymous request (most public
    // catalog traffic) carries none, so it skips better-auth's session pipeline entirely.
    if (!hasCredentials(headers)) return null;
    const apiKey = headers.get("x-api-key");
    if (apiKey) {
      // The key's query already joined the user (not banned, same role): no second read of it.
      const match = await authenticateApiKey(db, apiKey);
      if (!match) return null;
      return {
        userId: match.userId,
        role: match.role,
        email: match.email,
        name: match.name,
        method: "api-key",
        sessionId: null,
      };
    }
    const session = await auth.api.getSession({ headers });
    if (session) {
      const user = session.user as typeof session.user & { role?: string | null; banned?: boolean | null };
      if (user.banned) return null;
      return {
        userId: user.id,
        role: roleOf({ role: user.role ?? null }),
        email: user.email,
        name: user.name,
        method: "session",
        sessionId: session.session.id,
      };
    }
    const bearer = headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer && bearer.split(".").length === 3) {
      try {
        const { payload } = await jwtVerify(bearer, await keySet(), { issuer, audience: JWT_AUDIENCE });
        return payload.sub ? principalForUser(payload.sub, "jwt") : null;
      } catch {
        return null;
      }
    }
    return null;
  };
}

/** Whether a request carries anything that could identify a caller (api key, bearer, cookie). */
export function hasCredentials(headers: Headers): boolean {
  return Boolean(headers.get("x-api-key") || headers.get("authorization") || headers.get("cookie"));
}

export type Authenticate = ReturnType<typeof createAuthenticator>;
