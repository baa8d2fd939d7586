import { describe, expect, it } from "vitest";
import { pickApiUrl } from "../src/config/api-url.ts";

const at = (hostname: string, search = "") => ({ hostname, search });

describe("pickApiUrl", () => {
  it("defaults to the local API, or the build-time URL", () => {
    expect(pickApiUrl(undefined)).toBe("http://localhost:3000");
    expect(pickApiUrl(undefined, "https://api.niaga.test/")).toBe("https://api.niaga.test");
  });

  it("takes ?api= when page and API are both on loopback", () => {
    expect(pickApiUrl(at("127.0.0.1", "?api=http://127.0.0.1:4123"), "https://x.test")).toBe("http://127.0.0.1:4123");
  });

  // Security: a link to the public site must not redirect sign-in to another server.
  it("ignores ?api= on a public host or towards a non-loopback API", () => {
    expect(pickApiUrl(at("shop.niaga.test", "?api=http://127.0.0.1:4123"), "https://api.niaga.test")).toBe(
      "https://api.niaga.test",
    );
    expect(pickApiUrl(at("localhost", "?api=https://evil.test"))).toBe("http://localhost:3000");
    expect(pickApiUrl(at("localhost", "?api=javascript:alert(1)"))).toBe("http://localhost:3000");
  });
});
