import { randomFillSync } from "node:crypto";

/**
 * Random bytes are drawn from the CSPRNG in 4 KB batches and handed out from there: a checkout
 * makes a dozen ids and order numbers, and one call into the CSPRNG per id cost ~3% of the API's
 * CPU under load (the same batching Node does for randomUUID). The bytes are the CSPRNG's all
 * the same; credentials (session tokens, API keys) still take theirs straight from randomBytes,
 * so no copy of them waits in a shared buffer.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let next = POOL_BYTES;

function randomByte(): number {
  if (next === POOL_BYTES) {
    randomFillSync(pool);
    next = 0;
  }
  return pool[next++] as number;
}

/**
 * `length` characters of `alphabet`, each equally likely: bytes at or above the largest multiple
 * of the alphabet's size below 256 are thrown away instead of favouring the first characters.
 */
export function randomChars(alphabet: string, length: number): string {
  if (alphabet.length < 2 || alphabet.length > 256) throw new RangeError("alphabet must have 2 to 256 characters");
  const limit = 256 - (256 % alphabet.length);
  let chars = "";
  while (chars.length < length) {
    const byte = randomByte();
    if (byte < limit) chars += alphabet[byte % alphabet.length];
  }
  return chars;
}
