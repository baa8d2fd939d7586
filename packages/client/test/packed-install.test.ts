import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The SDK as a stranger gets it: `pnpm pack` the fresh build, install the tarball with npm into a
 * folder outside the workspace (so nothing resolves through workspace links), then load it with
 * plain Node and type-check a consumer with tsc.
 */

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const tscBin = createRequire(import.meta.url).resolve("typescript/bin/tsc");

let consumerDir = "";
let tarball = "";

/** Runs a command in the consumer folder; resolves to its combined output and exit code. */
async function inConsumer(file: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: consumerDir, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, output: `${failed.stdout}${failed.stderr}` };
  }
}

const tsconfig = (file: string) =>
  JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noEmit: true,
      // Third-party declarations (better-auth, tRPC) reference optional peers; the `IsAny` checks
      // below catch a type of ours that silently resolved to `any`.
      skipLibCheck: true,
      types: [],
    },
    files: [file],
  });

const GOOD_CONSUMER = `import type { NiagaAuth, RouterInputs, RouterOutputs } from "@niaga/client";
import { createNiagaAuthClient, createNiagaClient } from "@niaga/client";
import { NiagaProvider, useLiveOrder, useTRPC } from "@niaga/client/react";

type IsAny<T> = 0 extends 1 & T ? true : false;
type Me = RouterOutputs["customer"]["me"]["get"];

const auth: NiagaAuth = { type: "apiKey", key: "nk_test" };
const client = createNiagaClient({ url: "http://localhost:3000", auth });

export async function myEmail(): Promise<string> {
  const me: Me = await client.customer.me.get.query();
  const created: Date = me.createdAt;
  return \`\${me.email} since \${created.toISOString()}\`;
}
export const meIsTyped: IsAny<Me> = false;
export const listInput: RouterInputs["admin"]["users"]["list"] = { limit: 10, role: "seller" };

const authClient = createNiagaAuthClient({ baseURL: "http://localhost:3000", credentials: "omit" });
export const authClientIsTyped: IsAny<typeof authClient> = false;
export async function signIn(): Promise<string | undefined> {
  const { data } = await authClient.signIn.email({ email: "a@example.com", password: "secret123" });
  return data?.user.id;
}

type LiveOrder = NonNullable<ReturnType<typeof useLiveOrder>["data"]>["data"];
export function orderStatus(message: LiveOrder): "paid" | "shipped" | (string & {}) {
  return message.order.status;
}
export const liveOrderIsTyped: IsAny<LiveOrder> = false;
export const providerIsTyped: IsAny<typeof NiagaProvider> = false;
export const hookIsTyped: IsAny<ReturnType<typeof useTRPC>> = false;
`;

const BAD_CONSUMER = `import type { RouterOutputs } from "@niaga/client";
import { createNiagaClient } from "@niaga/client";

export function wrong(me: RouterOutputs["customer"]["me"]["get"]): number {
  return me.email;
}
export const client = createNiagaClient({ url: "http://localhost:3000", auth: { type: "apiKey", token: "x" } });
`;

/** Calls a query through the packed client against a stub fetch: headers out, superjson back. */
const RUNTIME_CHECK = `import { createNiagaClient } from "@niaga/client";
import superjson from "superjson";

const seen = [];
const fetch = async (url, init) => {
  seen.push({ url: String(url), apiKey: new Headers(init.headers).get("x-api-key") });
  const me = { id: "u1", email: "a@example.com", createdAt: new Date("2026-01-02T03:04:05Z") };
  return new Response(JSON.stringify([{ result: { data: superjson.serialize(me) } }]), {
    headers: { "content-type": "application/json" },
  });
};
const client = createNiagaClient({ url: "http://api.test/", auth: { type: "apiKey", key: "nk_1" }, fetch });
const me = await client.customer.me.get.query();
console.log(JSON.stringify({ seen, email: me.email, createdAtIsDate: me.createdAt instanceof Date }));
`;

beforeAll(async () => {
  consumerDir = await mkdtemp(join(tmpdir(), "niaga-client-consumer-"));
  await run("pnpm", ["pack", "--pack-destination", consumerDir], { cwd: packageDir });
  tarball = (await readdir(consumerDir)).find((name) => name.endsWith(".tgz")) ?? "";
  if (!tarball) throw new Error(`pnpm pack left no tarball in ${consumerDir}`);
  await writeFile(
    join(consumerDir, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  await writeFile(join(consumerDir, "good.ts"), GOOD_CONSUMER);
  await writeFile(join(consumerDir, "bad.ts"), BAD_CONSUMER);
  await writeFile(join(consumerDir, "tsconfig.good.json"), tsconfig("good.ts"));
  await writeFile(join(consumerDir, "tsconfig.bad.json"), tsconfig("bad.ts"));
  await writeFile(join(consumerDir, "runtime-check.mjs"), RUNTIME_CHECK);
  const install = await inConsumer("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--ignore-scripts",
    "--prefer-offline",
    "--loglevel=error",
    `./${tarball}`,
  ]);
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.output}`);
}, 240_000);

afterAll(async () => {
  if (consumerDir) await rm(consumerDir, { recursive: true, force: true });
});

describe("the packed SDK installed from its tarball", () => {
  it("ships dist, README and package.json only, with exports into dist and no workspace specifiers", async () => {
    const installed = join(consumerDir, "node_modules/@niaga/client");
    expect((await readdir(installed)).sort()).toEqual(["README.md", "dist", "package.json"]);
    const manifest = JSON.parse(await readFile(join(installed, "package.json"), "utf8"));
    expect(manifest.exports["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" });
    expect(manifest.exports["./react"]).toEqual({ types: "./dist/react.d.ts", default: "./dist/react.js" });
    expect(manifest.version).toBe("0.1.0");
    expect(manifest.sideEffects).toBe(false);
    const specifiers = Object.values({ ...manifest.dependencies, ...manifest.peerDependencies }) as string[];
    expect(specifiers.filter((range) => /^(workspace|catalog):/.test(range))).toEqual([]);
  });

  it("passes publint (strict)", async () => {
    const bytes = await readFile(join(consumerDir, tarball));
    const { messages, pkg } = await publint({ pack: { tarball: new Uint8Array(bytes).buffer }, strict: true });
    expect(messages.map((message) => formatMessage(message, pkg, { color: false }))).toEqual([]);
  });

  it("loads in plain Node", async () => {
    const script =
      "const [main, react] = await Promise.all([import('@niaga/client'), import('@niaga/client/react')]);" +
      "console.log(JSON.stringify({ main: Object.keys(main).sort(), react: Object.keys(react).sort() }));";
    const { code, output } = await inConsumer(process.execPath, ["--input-type=module", "-e", script]);
    expect(code, output).toBe(0);
    expect(JSON.parse(output)).toEqual({
      main: ["authConnectionParams", "authHeaders", "createNiagaAuthClient", "createNiagaClient", "createNiagaLinks"],
      react: [
        "NiagaProvider",
        "useLiveNotifications",
        "useLiveOrder",
        "useLiveStock",
        "useLiveStoreOrders",
        "useNiagaClient",
        "useTRPC",
      ],
    });
  });

  it("sends the API key and revives superjson dates", async () => {
    const { code, output } = await inConsumer(process.execPath, ["runtime-check.mjs"]);
    expect(code, output).toBe(0);
    const result = JSON.parse(output);
    expect(result.seen).toHaveLength(1);
    expect(result.seen[0].url).toMatch(/^http:\/\/api\.test\/trpc\/customer\.me\.get\?batch=1/);
    expect(result.seen[0].apiKey).toBe("nk_1");
    expect(result).toMatchObject({ email: "a@example.com", createdAtIsDate: true });
  });

  // Two cold tsc runs over the published declarations: slow on a loaded 2-core machine.
  it("type-checks a consumer with tsc, and rejects one with type errors", async () => {
    const [good, bad] = await Promise.all([
      inConsumer(process.execPath, [tscBin, "-p", "tsconfig.good.json"]),
      inConsumer(process.execPath, [tscBin, "-p", "tsconfig.bad.json"]),
    ]);
    expect(good.output).toBe("");
    expect(good.code).toBe(0);
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/bad\.ts\(5,3\): error TS2322: Type 'string' is not assignable to type 'number'/);
    expect(bad.output).toMatch(/bad\.ts\(7,\d+\): error TS2353/);
  }, 180_000);
});
