import { isTrackedEnvelope } from "@trpc/server";

/**
 * The SSE wire format of tRPC 11's `sseStreamProducer`, written as one small pull stream instead
 * of tRPC's generator chain plus three piped WHATWG streams per response. Every byte is the same
 * as tRPC's (fields in the order event, data, id, then a blank line and one more newline), so
 * httpSubscriptionLink and hand-written parsers read it unchanged.
 */
interface Frame {
  event?: string;
  data: string;
  id?: string;
}

function frameText(frame: Frame): string {
  let text = "";
  if (frame.event !== undefined) text += `event: ${frame.event}\n`;
  text += `data: ${frame.data}\n`;
  if (frame.id !== undefined) text += `id: ${frame.id}\n`;
  return `${text}\n\n`;
}

function isAbortError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

const PING = Symbol("ping");
const encoder = new TextEncoder();

export interface SseStreamOptions {
  /** The procedure's async iterable, or the error that kept it from starting (sent as `serialized-error`). */
  source: { iterable: AsyncIterable<unknown> } | { error: unknown };
  /** The id the client resumed from (Last-Event-ID), restored after an untracked message. */
  lastEventId: string | null;
  /** The router's output transformer (superjson). */
  serialize: (value: unknown) => unknown;
  /** The router's error shape for a failure (tRPC's getErrorShape with the request's context). */
  formatError: (error: unknown) => unknown;
  /** tRPC's `sse.client` options, sent in the `connected` event. */
  client: object;
  /** tRPC's `sse.ping` options: a `ping` event after this long without a message. */
  ping: { enabled: boolean; intervalMs: number };
  /** Aborted when the client leaves (or the stream's maximum duration passes). */
  signal: AbortSignal;
  /** Runs once when the stream ends or is cancelled: aborts the procedure's signal, clears timers. */
  onEnd: () => void;
}

/**
 * The response body of one subscription. It pulls the procedure's iterator only when the HTTP
 * layer asks for the next chunk (highWaterMark 0), and @hono/node-server asks only after the
 * socket drained, so a slow client never makes the server buffer: its events wait in the hub's
 * per-stream queue, which ends the stream at REALTIME_QUEUE_LIMIT.
 */
export function sseStream(options: SseStreamOptions): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<unknown> | null = null;
  let next: Promise<IteratorResult<unknown>> | null = null;
  let lastEventId = options.lastEventId && !/[\0\n\r]/.test(options.lastEventId) ? options.lastEventId : null;
  let connected = false;
  let ended = false;

  const end = (iteratorDone: boolean) => {
    if (ended) return;
    ended = true;
    // onEnd aborts the procedure's signal first: the stream's generators wake on it and finish,
    // so return() (queued behind their pending next()) settles instead of waiting for an event.
    options.onEnd();
    if (!iteratorDone) iterator?.return?.().catch(() => {});
  };

  const step = async (): Promise<IteratorResult<unknown> | typeof PING> => {
    if (!next) {
      next = (iterator as AsyncIterator<unknown>).next();
      // After a ping won the race, a cancelled stream never awaits this again: keep its
      // rejection from being unhandled (the next pull still sees it).
      next.catch(() => {});
    }
    if (!options.ping.enabled) return next;
    let timer: NodeJS.Timeout | undefined;
    const ping = new Promise<typeof PING>((resolve) => {
      timer = setTimeout(() => resolve(PING), options.ping.intervalMs);
    });
    try {
      return await Promise.race([next, ping]);
    } finally {
      clearTimeout(timer);
    }
  };

  const messageFrames = (value: unknown): string => {
    const tracked = isTrackedEnvelope(value);
    const data = JSON.stringify(options.serialize(tracked ? value[1] : value));
    if (tracked) {
      lastEventId = value[0];
      return frameText({ data, id: value[0] });
    }
    if (lastEventId === null) return frameText({ data });
    // An untracked message clears the browser's last id; tRPC restores it right after.
    return frameText({ data, id: "" }) + frameText({ event: "restore-id", data: "", id: lastEventId });
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const push = (text: string) => {
          if (!ended) controller.enqueue(encoder.encode(text));
        };
        const close = (iteratorDone: boolean) => {
          if (!ended) controller.close();
          end(iteratorDone);
        };
        if (!connected) {
          connected = true;
          push(frameText({ event: "connected", data: JSON.stringify(options.client) }));
          return;
        }
        try {
          if ("error" in options.source) throw options.source.error;
          iterator ??= options.source.iterable[Symbol.asyncIterator]();
          const result = await step();
          if (result === PING) {
            push(frameText({ event: "ping", data: "" }));
            return;
          }
          next = null;
          // The client left or the maximum duration passed: the response just ends, as in tRPC.
          if (options.signal.aborted) return close(Boolean(result.done));
          if (result.done) {
            push(frameText({ event: "return", data: "" }));
            return close(true);
          }
          push(messageFrames(result.value));
        } catch (cause) {
          if (!isAbortError(cause) && !options.signal.aborted) {
            push(
              frameText({
                event: "serialized-error",
                data: JSON.stringify(options.serialize(options.formatError(cause))),
              }),
            );
          }
          close(true);
        }
      },
      cancel() {
        end(false);
      },
    },
    { highWaterMark: 0 },
  );
}
