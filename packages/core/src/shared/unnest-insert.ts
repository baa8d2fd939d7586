import type { Database } from "@niaga/db";
import type { Insertable, RawBuilder } from "kysely";
import { sql } from "kysely";

/** The PostgreSQL array types a column's values travel as (the column's own type, or one that casts to it). */
export type ArrayType = "text" | "int4" | "int8" | "bool" | "timestamptz" | "jsonb";

type Row<T extends keyof Database> = Insertable<Database[T]>;

/**
 * An INSERT of many rows as `insert into t (a, b) select * from unnest($1::text[], $2::int8[])`:
 * one array parameter per column, whatever the number of rows. The statement's text, and so the
 * plan prepared for it, is then the same for a cart of one line or fifty, and building it costs
 * a handful of nodes instead of one per value. Rows go in in the order given; columns left out
 * take their defaults. jsonb values are given as JSON text.
 */
export function insertUnnested<T extends keyof Database & string, C extends keyof Row<T> & string>(
  table: T,
  columns: Readonly<Record<C, ArrayType>>,
  rows: readonly Pick<Row<T>, C>[],
): RawBuilder<unknown> {
  const names = Object.keys(columns) as C[];
  const arrays = names.map((name) => sql`${rows.map((row) => row[name] ?? null)}::${sql.raw(columns[name])}[]`);
  return sql`insert into ${sql.table(table)} (${sql.join(names.map((name) => sql.ref(name)))}) select * from unnest(${sql.join(arrays)})`;
}
