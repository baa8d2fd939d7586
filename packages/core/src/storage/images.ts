import { DomainError } from "../shared/errors.ts";

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

const EXTENSIONS: Record<ImageType, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

/** Reads the type from the bytes themselves; a declared content type alone is never trusted. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (...signature: number[]) => signature.every((value, index) => bytes[index] === value);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

/** Checks an upload is an image of an allowed type within the size limit; returns its type and extension. */
export function assertImage(bytes: Uint8Array, maxBytes: number): { type: ImageType; extension: string } {
  if (bytes.byteLength === 0) throw new DomainError("INVALID", "The file is empty", { file: ["The file is empty"] });
  if (bytes.byteLength > maxBytes) {
    const limit = `${Math.floor(maxBytes / 1024)} KiB`;
    throw new DomainError("PAYLOAD_TOO_LARGE", `The image is larger than ${limit}`, {
      file: [`The image must be at most ${limit}`],
    });
  }
  const type = sniffImageType(bytes);
  if (!type) {
    throw new DomainError("UNSUPPORTED", "The file is not a PNG, JPEG, WebP or GIF image", {
      file: ["Upload a PNG, JPEG, WebP or GIF image"],
    });
  }
  return { type, extension: EXTENSIONS[type] };
}
