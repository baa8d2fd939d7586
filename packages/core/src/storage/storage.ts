import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, normalize, sep } from "node:path";

export interface StoredFile {
  key: string;
  /** Public URL the file is served from. */
  url: string;
}

/** Where uploaded files live. Local disk by default; an object store can implement the same. */
export interface Storage {
  put(params: { key: string; body: Uint8Array; contentType: string }): Promise<StoredFile>;
  get(key: string): Promise<{ body: Uint8Array; contentType: string } | null>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]{0,200}$/;

/**
 * Files under `rootDir`, served by the API at `${publicBaseUrl}/files/<key>`. Keys are content
 * addressed by the callers, so the server can send them with long-lived immutable cache headers.
 */
export function createLocalDiskStorage(rootDir: string, publicBaseUrl: string): Storage {
  const pathFor = (key: string) => {
    if (!SAFE_KEY.test(key) || key.includes("..")) throw new Error(`unsafe storage key: ${key}`);
    const full = normalize(join(rootDir, key));
    if (!full.startsWith(normalize(rootDir) + sep)) throw new Error(`unsafe storage key: ${key}`);
    return full;
  };
  return {
    async put({ key, body, contentType }) {
      const path = pathFor(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body);
      await writeFile(`${path}.type`, contentType);
      return { key, url: `${publicBaseUrl.replace(/\/$/, "")}/files/${key}` };
    },
    async get(key) {
      let path: string;
      try {
        path = pathFor(key);
      } catch {
        return null;
      }
      try {
        const [body, contentType] = await Promise.all([readFile(path), readFile(`${path}.type`, "utf8")]);
        return { body: new Uint8Array(body), contentType };
      } catch {
        return null;
      }
    },
    async delete(key) {
      const path = pathFor(key);
      await rm(path, { force: true });
      await rm(`${path}.type`, { force: true });
    },
  };
}
