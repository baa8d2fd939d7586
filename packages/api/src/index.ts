export type { Access } from "./access.ts";
export { isAllowed, ROLE_ACCESS } from "./access.ts";
export type { Context, Services } from "./context.ts";
export { createInnerContext, createRequestContext } from "./context.ts";
export type { ErrorData } from "./errors.ts";
export type { AppRouter, RouterInputs, RouterOutputs } from "./routers/root.ts";
export { appRouter } from "./routers/root.ts";
export type { Meta } from "./trpc.ts";
export { createCallerFactory } from "./trpc.ts";
