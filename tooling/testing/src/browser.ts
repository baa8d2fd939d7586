// Browser tests: the system Chromium driven by playwright-core, and a Vite app built and served
// by `vite preview`. Tests never download a browser.
import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches CHROME_PATH, or Debian's /usr/bin/chromium; fails loudly when neither is there. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new Error(
      `No Chromium at ${executablePath}: install it (apt-get install -y chromium) or set CHROME_PATH ` +
        "to a Chromium or Chrome binary. Browser tests never download a browser and are never skipped.",
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface ServedApp {
  /** `http://localhost:<port>`: the same host name as the test API, so its cookies are same-site. */
  url: string;
  /** Stops the server and deletes the build. */
  close: () => Promise<void>;
}

/**
 * Builds the app as `pnpm build` does and serves the result with `vite preview` (the app's own
 * config) on `port`, or a free one: reserve one with `freePort()` to know the origin in advance.
 * Every call builds from the current sources (about a second) into a temporary folder, so a test
 * never runs a stale bundle, and `dist` and other test files running at the same time are left alone.
 */
export async function serveViteApp(appRoot: string, options: { port?: number } = {}): Promise<ServedApp> {
  const outDir = await mkdtemp(join(tmpdir(), "niaga-vite-"));
  try {
    await viteBuild(appRoot, outDir);
    // Imported here so tests that only launch Chromium (the mobile app's) do not load Vite.
    const { preview } = await import("vite");
    const server = await preview({
      root: appRoot,
      logLevel: "warn",
      build: { outDir },
      preview: { host: "127.0.0.1", port: options.port ?? 0, strictPort: true, open: false },
    });
    const { port } = server.httpServer.address() as AddressInfo;
    return {
      url: `http://localhost:${port}`,
      close: async () => {
        await server.close();
        await rm(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * `vite build` in a child process with NODE_ENV=production: vitest sets NODE_ENV=test, which
 * would bundle React's development build.
 */
async function viteBuild(appRoot: string, outDir: string): Promise<void> {
  const require = createRequire(join(appRoot, "package.json"));
  const viteBin = join(require.resolve("vite/package.json"), "..", "bin", "vite.js");
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [viteBin, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
      {
        cwd: appRoot,
        env: { ...process.env, NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`vite build in ${appRoot} failed (exit ${code}):\n${output.join("")}`);
}

/**
 * A page in a fresh browser context (no cookies, no storage) at `url`, with the web apps' run-time
 * API override `window.__NIAGA_API_URL__` set to `apiUrl` before any script runs. Errors thrown
 * in the page are printed, so a crash shows up as more than a timeout. Close it with
 * `page.context().close()`.
 */
export async function openAppPage(browser: Browser, options: { url: string; apiUrl: string }): Promise<Page> {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  await context.addInitScript({ content: `window.__NIAGA_API_URL__ = ${JSON.stringify(options.apiUrl)};` });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`[page] ${error.message}`));
  await page.goto(options.url);
  return page;
}
