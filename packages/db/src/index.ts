export type { Connection } from "./connect.ts";
export { connect } from "./connect.ts";
export type { CreateDbOptions, DbHandle } from "./create-db.ts";
export { createDb } from "./create-db.ts";
export type * from "./schema.ts";
export type * from "./schema-catalog.ts";
