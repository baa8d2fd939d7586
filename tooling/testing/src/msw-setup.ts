// Setup file for every test file: outbound HTTP goes through msw, and any request to a host
// that no handler answers fails the test. Loopback is the project's own servers and passes.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export const mswServer = setupServer();

beforeAll(() => {
  mswServer.listen({
    onUnhandledFrame: ({ frame, defaults }) => {
      const request = (frame.data as { request?: Request }).request;
      if (request && LOOPBACK.has(new URL(request.url).hostname)) return;
      defaults.error();
    },
  });
});
afterEach(() => mswServer.resetHandlers());
afterAll(() => mswServer.close());
