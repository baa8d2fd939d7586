import type { NiagaClient } from "@niaga/client";
import { createNiagaClient } from "@niaga/client";
import { FetchEventSource } from "./event-source.ts";

/** A client whose subscriptions run over SSE through the fetch-based EventSource. */
export function liveClient(url: string, token?: string): NiagaClient {
  return createNiagaClient({
    url,
    EventSource: FetchEventSource,
    ...(token && { auth: { type: "bearer" as const, token } }),
  });
}

export interface Collected<T> {
  messages: { id: string; data: T }[];
  errors: { code: string | undefined; message: string }[];
  /** Resolves with the messages once `count` have arrived; rejects after `timeoutMs`. */
  waitFor: (count: number, timeoutMs?: number) => Promise<{ id: string; data: T }[]>;
  /** Resolves with the first error; rejects after `timeoutMs`. */
  waitForError: (timeoutMs?: number) => Promise<{ code: string | undefined; message: string }>;
  stop: () => void;
}

type Subscribe<T> = (handlers: {
  onData: (message: { id: string; data: T }) => void;
  onError: (error: { message: string; data?: { code?: string } | null }) => void;
}) => { unsubscribe: () => void };

/** Subscribes and records every message and error, with waits that fail loudly on a timeout. */
export function collect<T>(subscribe: Subscribe<T>): Collected<T> {
  const messages: { id: string; data: T }[] = [];
  const errors: { code: string | undefined; message: string }[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const subscription = subscribe({
    onData: (message) => {
      messages.push(message);
      wake();
    },
    onError: (error) => {
      errors.push({ code: error.data?.code, message: error.message });
      wake();
    },
  });
  const until = <R>(ready: () => R | undefined, timeoutMs: number, what: string) =>
    new Promise<R>((resolve, reject) => {
      const check = () => {
        const value = ready();
        if (value === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify({ messages, errors })}`),
        );
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    messages,
    errors,
    waitFor: (count, timeoutMs = 5000) =>
      until(() => (messages.length >= count ? messages.slice(0, count) : undefined), timeoutMs, `${count} messages`),
    waitForError: (timeoutMs = 5000) => until(() => errors[0], timeoutMs, "an error"),
    stop: () => subscription.unsubscribe(),
  };
}
