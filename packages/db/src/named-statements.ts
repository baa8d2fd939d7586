import { createHash } from "node:crypto";
import type pg from "pg";

// Only plannable statements are worth naming; BEGIN, COMMIT, SET and DDL are not planned.
const PLANNABLE = /^\s*(select|insert|update|delete|with)\b/i;

/** How many distinct statement texts keep their name in memory, beyond which names are recomputed. */
const NAME_MEMO_LIMIT = 5000;

const namesByText = new Map<string, string>();

/** A stable name per statement text: the same SQL gets the same name on every connection. */
export function statementName(text: string): string {
  let name = namesByText.get(text);
  if (name) return name;
  name = `n_${createHash("sha1").update(text).digest("base64url")}`;
  if (namesByText.size < NAME_MEMO_LIMIT) namesByText.set(text, name);
  return name;
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Makes the pool's connections run Kysely's statements as named (prepared) statements, so each
 * connection parses a statement once and PostgreSQL can reuse its plan: the driver otherwise sends
 * every statement unnamed, and planning cost more than executing for most of Niaga's queries
 * (see README, Checkout benchmark). A connection prepares at most `perConnection` distinct
 * statements (each one holds memory in its backend for the connection's life); beyond that, new
 * texts run unnamed as before. Streaming cursors and callback-style calls pass through untouched.
 */
export function prepareStatementsOnConnect(pool: pg.Pool, perConnection: number): void {
  if (perConnection <= 0) return;
  pool.on("connect", (client) => {
    const prepared = new Set<string>();
    const query = client.query as unknown as QueryFn;
    const named: QueryFn = function (this: pg.PoolClient, ...args: unknown[]) {
      const [text, values] = args;
      if (args.length === 2 && typeof text === "string" && Array.isArray(values) && PLANNABLE.test(text)) {
        const name = statementName(text);
        if (prepared.has(name) || prepared.size < perConnection) {
          prepared.add(name);
          return query.call(this, { name, text, values });
        }
      }
      return query.apply(this, args);
    };
    (client as unknown as { query: QueryFn }).query = named;
  });
}
