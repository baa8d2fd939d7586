import type { Storage } from "@niaga/core/storage/storage";

/** An in-memory Storage for domain tests; `files` shows what is stored. */
export function memoryStorage(): Storage & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    async put({ key, body }) {
      files.set(key, body);
      return { key, url: `http://files.test/${key}` };
    },
    async get(key) {
      const body = files.get(key);
      return body ? { body, contentType: "application/octet-stream" } : null;
    },
    async delete(key) {
      files.delete(key);
    },
  };
}

/** A tiny valid-looking PNG: the signature is what the sniffer checks. */
export function pngBytes(seed = 0): Uint8Array {
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, seed, 1, 2, 3]);
}
