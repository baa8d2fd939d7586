import type { Database } from "@niaga/db";
import type { Insertable, RawBuilder } from "kysely";
import { sql } from "kysely";

/** The PostgreSQL array types a column's values travel as (the column's own type, or one that casts to it). */
export type ArrayType = "text" | "int4" | "int8" | "bool" | "timestamptz" | "jsonb";

type Row<T extends keyof Database> = Insertable<Database[T]>;

/**
 * One array parameter, `(select $n::type[])`, for arrays a statement joins or filters on. Read
 * through a sub-select, the planner cannot see the array's length, so a prepared statement's plan
 * for these values costs what its generic plan costs, and PostgreSQL settles on that one plan
 * after its first five calls. Seeing the length, it judged each call's own plan cheaper and
 * planned the statement again on every call, which for checkout's statements cost about as much
 * as running them (see checkout-plans.test.ts). Each one is an InitPlan the executor sets up on
 * every call, so arrays that are only inserted (`insertUnnested`) stay plain parameters: their
 * length barely changes a plan's cost.
 */
export function arrayParameter(values: readonly unknown[], type: ArrayType): RawBuilder<unknown> {
  return sql`(select ${values}::${sql.raw(type)}[])`;
}

/** A column map's statement text around its arrays, worked out once per table and column map. */
interface UnnestShape {
  names: string[];
  fragments: string[];
}
const shapes = new WeakMap<object, Map<string, UnnestShape>>();

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

function shapeOf(table: string, columns: Readonly<Record<string, ArrayType>>): UnnestShape {
  let byTable = shapes.get(columns);
  if (!byTable) {
    byTable = new Map();
    shapes.set(columns, byTable);
  }
  let shape = byTable.get(table);
  if (!shape) {
    const names = Object.keys(columns);
    const head = `insert into ${quoted(table)} (${names.map(quoted).join(", ")}) select * from unnest(`;
    const casts = names.map((name, index) => `::${columns[name]}[]${index === names.length - 1 ? ")" : ", "}`);
    shape = { names, fragments: [head, ...casts] };
    byTable.set(table, shape);
  }
  return shape;
}

/**
 * An INSERT of many rows as `insert into t (a, b) select * from unnest($1::text[], $2::int8[])`:
 * one array parameter per column, whatever the number of rows. The statement's text, and so the
 * plan prepared for it, is then the same for a cart of one line or fifty. Its text around the
 * arrays is built once per column map (kept by the map's identity, so give a module constant),
 * and a call only gathers the arrays: checkout runs seven of these, and building each from
 * Kysely's quoting and joining helpers allocated more than the values themselves. Rows go in in
 * the order given; columns left out take their defaults. jsonb values are given as JSON text.
 */
export function insertUnnested<T extends keyof Database & string, C extends keyof Row<T> & string>(
  table: T,
  columns: Readonly<Record<C, ArrayType>>,
  rows: readonly Pick<Row<T>, C>[],
): RawBuilder<unknown> {
  const { names, fragments } = shapeOf(table, columns);
  const arrays = names.map((name) => rows.map((row) => row[name as C] ?? null));
  // The sql tag with fragments of its own: the same node a template literal would give.
  return sql(fragments as unknown as TemplateStringsArray, ...arrays);
}
