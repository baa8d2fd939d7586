/**
 * Lists the marketplace's users as a table, through the admin API with an API key.
 *
 *   NIAGA_API_KEY=nk_... pnpm --filter @niaga/scripts list-users [--search text] [--role seller]
 *
 * Keys come from the `admin.apiKeys.create` procedure (`{ userId, name, expiresInDays? }`, the key is
 * shown once) and act as the user they were issued for, who must be an admin here; only a superadmin
 * issues keys for admin accounts. NIAGA_API_URL defaults to http://localhost:3000.
 */
import { parseArgs } from "node:util";
import type { RouterInputs, RouterOutputs } from "@niaga/client";
import { createNiagaClient } from "@niaga/client";

type ListUsersInput = RouterInputs["admin"]["users"]["list"];
type AdminUser = RouterOutputs["admin"]["users"]["list"]["items"][number];

type Role = NonNullable<ListUsersInput["role"]>;
const ROLES = ["customer", "seller", "manager", "admin", "superadmin"] as const satisfies readonly Role[];

/** Pages are fetched until the list ends or this many users were printed. */
const MAX_USERS = 1_000;
const PAGE_SIZE = 100;

interface Options {
  url: string;
  key: string;
  filter: Pick<ListUsersInput, "search" | "role">;
}

/** The script's configuration: read here, once, from the environment and the command line. */
function readOptions(): Options {
  const { values } = parseArgs({
    options: { search: { type: "string" }, role: { type: "string" } },
    allowPositionals: false,
  });
  const key = process.env.NIAGA_API_KEY;
  if (!key) throw new Error("Set NIAGA_API_KEY to an admin's API key (created with admin.apiKeys.create).");
  const role = ROLES.find((candidate) => candidate === values.role);
  if (values.role !== undefined && !role) throw new Error(`--role must be one of: ${ROLES.join(", ")}`);
  return {
    url: process.env.NIAGA_API_URL ?? "http://localhost:3000",
    key,
    filter: { search: values.search, role },
  };
}

/** Every user matching the filter, page by page, up to MAX_USERS; `complete` is false when it stopped early. */
async function fetchUsers(options: Options): Promise<{ users: AdminUser[]; complete: boolean }> {
  const client = createNiagaClient({ url: options.url, auth: { type: "apiKey", key: options.key } });
  const users: AdminUser[] = [];
  let cursor: string | null = null;
  do {
    const page: RouterOutputs["admin"]["users"]["list"] = await client.admin.users.list.query({
      ...options.filter,
      limit: PAGE_SIZE,
      cursor,
    });
    users.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && users.length < MAX_USERS);
  return { users, complete: cursor === null };
}

/** A plain text table: a header, a rule, and one padded line per row. */
function formatTable(rows: Record<string, string>[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    line(columns),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map((row) => line(columns.map((c) => row[c] ?? ""))),
  ].join("\n");
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = readOptions();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  try {
    const { users, complete } = await fetchUsers(options);
    const rows = users.map((user) => ({
      email: user.email,
      name: user.name,
      role: user.role,
      active: user.active ? "yes" : `no${user.deactivatedReason ? ` (${user.deactivatedReason})` : ""}`,
      joined: user.createdAt.toISOString().slice(0, 10),
      id: user.id,
    }));
    if (rows.length) console.log(formatTable(rows));
    console.log(
      `\n${users.length} user(s)${complete ? "" : `; stopped at ${MAX_USERS}: narrow with --search or --role`}`,
    );
    return 0;
  } catch (error) {
    // A TRPCClientError carries the server's client-safe message ("Sign in to continue", ...).
    console.error(`${options.url}: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
}

process.exitCode = await main();
