import type { Config } from "@niaga/config";
import { ROLES, signUpRoleSchema } from "@niaga/contracts";
import type { Mailer } from "@niaga/core/mail/mailer";
import { passwordResetEmail } from "@niaga/core/mail/templates";
import type { Database } from "@niaga/db";
import type { BetterAuthOptions } from "better-auth";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { admin } from "better-auth/plugins/admin";
import { bearer } from "better-auth/plugins/bearer";
import { jwt } from "better-auth/plugins/jwt";
import type { Kysely } from "kysely";
import { clearFailedSignIns, lockedMinutesLeft, recordFailedSignIn } from "./lockout.ts";
import { accessControl, roleDefinitions } from "./roles.ts";

export interface AuthDeps {
  db: Kysely<Database>;
  config: Config;
  mailer: Mailer;
}

/** The header the Hono app sets from the socket's address; better-auth rate-limits by it. */
export const CLIENT_IP_HEADER = "x-niaga-client-ip";
const RESET_TOKEN_SECONDS = 60 * 60;
export const JWT_AUDIENCE = "niaga-services";

function buildOptions({ db, config, mailer }: AuthDeps) {
  const lockout = { threshold: config.LOGIN_LOCKOUT_THRESHOLD, lockMinutes: config.LOGIN_LOCKOUT_MINUTES };
  return {
    appName: "Niaga",
    baseURL: config.PUBLIC_API_URL,
    basePath: "/api/auth",
    secret: config.authSecret,
    trustedOrigins: config.trustedOrigins,
    database: { db, type: "postgres" },
    telemetry: { enabled: false },
    // Failed sign-ins are expected traffic; better-auth's own warnings follow the app's log level.
    logger: {
      disabled: config.LOG_LEVEL === "silent",
      level: config.LOG_LEVEL === "debug" ? "debug" : config.LOG_LEVEL === "info" ? "info" : "error",
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      autoSignIn: true,
      resetPasswordTokenExpiresIn: RESET_TOKEN_SECONDS,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => {
        await mailer.send(
          passwordResetEmail({ to: user.email, name: user.name, url, expiresInMinutes: RESET_TOKEN_SECONDS / 60 }),
        );
      },
    },
    user: {
      additionalFields: {
        phone: { type: "string", required: false, input: false },
        // What the person signed up as ("customer" or "seller"); sets the initial role below.
        accountType: { type: "string", required: false, input: true, returned: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
      // No cookie cache: every request reads the session row, so a revoke or ban bites at once.
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: config.AUTH_RATE_LIMIT_WINDOW_SECONDS, max: config.AUTH_RATE_LIMIT_MAX },
        "/sign-up/email": { window: config.AUTH_RATE_LIMIT_WINDOW_SECONDS, max: config.AUTH_RATE_LIMIT_MAX },
        "/request-password-reset": { window: config.AUTH_RATE_LIMIT_WINDOW_SECONDS, max: config.AUTH_RATE_LIMIT_MAX },
      },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: config.PUBLIC_API_URL.startsWith("https://"),
      database: { generateId: () => crypto.randomUUID() },
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user) => {
            // Sign-up may ask for a customer or a seller account; staff roles are granted later.
            const accountType = (user as { accountType?: unknown }).accountType;
            if (accountType === undefined || accountType === null) return { data: user };
            const chosen = signUpRoleSchema.safeParse(accountType);
            if (!chosen.success) {
              throw new APIError("BAD_REQUEST", { message: 'accountType must be "customer" or "seller"' });
            }
            return { data: { ...user, role: chosen.data } };
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = typeof ctx.body?.email === "string" ? ctx.body.email : "";
        const minutes = email ? await lockedMinutesLeft(db, email) : 0;
        if (minutes > 0) {
          throw new APIError("FORBIDDEN", {
            code: "ACCOUNT_LOCKED",
            message: `Too many failed sign-ins: this account is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}. Reset your password or try again later.`,
          });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = typeof ctx.body?.email === "string" ? ctx.body.email : "";
        if (!email) return;
        const returned = ctx.context.returned;
        if (returned instanceof APIError) {
          if (returned.statusCode === 401) await recordFailedSignIn(db, email, lockout);
        } else {
          await clearFailedSignIns(db, email);
        }
      }),
    },
    plugins: [
      admin({
        ac: accessControl,
        roles: roleDefinitions,
        defaultRole: "customer",
        adminRoles: ["admin", "superadmin"],
        bannedUserMessage: "This account is deactivated. Contact support if you think this is a mistake.",
      }),
      bearer(),
      jwt({
        jwt: { issuer: config.PUBLIC_API_URL, audience: JWT_AUDIENCE, expirationTime: "15m" },
      }),
    ],
  } satisfies BetterAuthOptions;
}

/** The better-auth instance: email and password, cookie and bearer sessions, JWTs, roles. */
export function createAuth(deps: AuthDeps) {
  return betterAuth(buildOptions(deps));
}

export type Auth = ReturnType<typeof createAuth>;
export type AuthOptions = ReturnType<typeof buildOptions>;
export { buildOptions as buildAuthOptions };
export const ALL_ROLES = ROLES;
