export * from "./api-keys.ts";
export * from "./audit.ts";
export * from "./health.ts";
export * from "./pagination.ts";
export * from "./roles.ts";
export * from "./sessions.ts";
export * from "./users.ts";
