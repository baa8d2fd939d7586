import type { Principal } from "@niaga/auth";
import type { Role } from "@niaga/contracts";
import type {
  TRPCBuiltRouter,
  TRPCDefaultErrorShape,
  TRPCRouterBuilder,
  TRPCRouterCaller,
  TRPCRouterRecord,
} from "@trpc/server";
import { initTRPC, TRPCError } from "@trpc/server";
import type { Access } from "./access.ts";
import { isAllowed, ROLE_ACCESS } from "./access.ts";
import type { Context } from "./context.ts";
import { formatError, toTRPCError } from "./errors.ts";
import { wireTransformer } from "./wire-transformer.ts";

export interface Meta {
  access: Access;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: wireTransformer,
    errorFormatter: ({ shape, error, ctx }) => formatError({ shape, error, requestId: ctx?.requestId ?? null }),
  });

/**
 * The context as AppRouter's type states it. Procedures still get the full `Context` (the base
 * procedures below are built from `t`); only the router type says less, so the client SDK's
 * published declarations carry no server internals (Kysely's `Database`, better-auth's `Auth`).
 * Clients never read a router's context type.
 */
export interface RouterContext {
  requestId: string;
}

/** The root types AppRouter carries: `t`'s, with the narrow context. */
export interface RouterRootTypes {
  ctx: RouterContext;
  meta: Meta;
  errorShape: TRPCDefaultErrorShape;
  transformer: true;
}

type ServerRootTypes = (typeof t)["_config"]["$types"];
/** `RouterRootTypes` while it agrees with `t`'s root types on everything but the context, else `never`. */
type CheckedRootTypes = [Omit<ServerRootTypes, "ctx">] extends [Omit<RouterRootTypes, "ctx">]
  ? [Omit<RouterRootTypes, "ctx">] extends [Omit<ServerRootTypes, "ctx">]
    ? RouterRootTypes
    : never
  : never;

/** `t.router`, typed with the narrow context (type-only: the same function at run time). */
export const router: TRPCRouterBuilder<RouterRootTypes> = t.router as unknown as TRPCRouterBuilder<CheckedRootTypes>;

/** `t.createCallerFactory`: callers built on the server still take the full `Context`. */
export const createCallerFactory = t.createCallerFactory as unknown as <TRecord extends TRPCRouterRecord>(
  router: TRPCBuiltRouter<RouterRootTypes, TRecord>,
) => TRPCRouterCaller<ServerRootTypes, TRecord>;
export const mergeRouters = t.mergeRouters;

/** Maps domain errors once, and logs what the client will only see as a request id. */
const errorBoundary = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error);
    if (mapped instanceof TRPCError && mapped.code === "INTERNAL_SERVER_ERROR") {
      const cause = mapped.cause ?? mapped;
      ctx.log.error("procedure failed", {
        path,
        error: cause instanceof Error ? cause.message : String(cause),
        stack: cause instanceof Error ? cause.stack : undefined,
      });
    }
    if (mapped !== result.error) throw mapped;
  }
  return result;
});

/**
 * Enforces the procedure's declared access. A procedure built without a declaration (meta
 * missing) is refused for everyone: access fails closed.
 */
const enforceAccess = t.middleware(({ ctx, meta, next }) => {
  const access = meta?.access;
  if (!access) throw new TRPCError({ code: "FORBIDDEN", message: "This procedure declares no access rule" });
  if (access.kind !== "public" && !ctx.principal) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  }
  if (!isAllowed(access, ctx.principal?.role ?? null)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Your account is not allowed to do this" });
  }
  return next();
});

const requirePrincipal = t.middleware(({ ctx, next }) => {
  if (!ctx.principal) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  return next({ ctx: { principal: ctx.principal as Principal } });
});

const base = t.procedure.use(errorBoundary);

export const publicProcedure = base.meta({ access: { kind: "public" } }).use(enforceAccess);
export const authedProcedure = base
  .meta({ access: { kind: "authed" } })
  .use(enforceAccess)
  .use(requirePrincipal);

/** A procedure open to exactly these roles. */
export function roleProcedure(roles: readonly Role[]) {
  return base
    .meta({ access: { kind: "roles", roles } })
    .use(enforceAccess)
    .use(requirePrincipal);
}

export const customerProcedure = roleProcedure(ROLE_ACCESS.customer);
export const sellerProcedure = roleProcedure(ROLE_ACCESS.seller);
export const managerProcedure = roleProcedure(ROLE_ACCESS.manager);
export const adminProcedure = roleProcedure(ROLE_ACCESS.admin);
export const superadminProcedure = roleProcedure(ROLE_ACCESS.superadmin);
