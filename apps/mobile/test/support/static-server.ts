import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ttf": "font/ttf",
};

/** Serves a static export on a free port; unknown paths fall back to index.html like an SPA host would. */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.join(root, path.normalize(pathname));
    const inside = file.startsWith(root + path.sep);
    try {
      const body = await readFile(inside && !pathname.endsWith("/") ? file : path.join(root, "index.html"));
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "text/html; charset=utf-8" });
      res.end(body);
    } catch {
      res.writeHead(200, { "content-type": TYPES[".html"] });
      res.end(await readFile(path.join(root, "index.html")));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // "localhost", like the test API's URL: api-url.ts only takes `?api=` on a loopback page.
    url: `http://localhost:${port}`,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
