import pg from "pg";

/** A dedicated connection that LISTENs; what the real-time hub needs of it. */
export interface ListenConnection {
  /** Runs a statement on this connection (LISTEN, UNLISTEN). */
  query: (text: string) => Promise<void>;
  onNotification: (listener: (channel: string, payload: string | undefined) => void) => void;
  /** Called once when the connection fails or ends; the hub then reconnects. */
  onClose: (listener: (error: Error | null) => void) => void;
  end: () => Promise<void>;
}

/**
 * Opens one connection outside the pool: LISTEN needs a session of its own for as long as the
 * process runs, and a pooled client would be handed to queries or closed when idle.
 */
export async function openListenConnection(
  connectionString: string,
  options: { applicationName?: string } = {},
): Promise<ListenConnection> {
  const client = new pg.Client({ connectionString, application_name: options.applicationName ?? "niaga-listen" });
  let closeListener: ((error: Error | null) => void) | null = null;
  let closed = false;
  const close = (error: Error | null) => {
    if (closed) return;
    closed = true;
    closeListener?.(error);
  };
  // Without an error listener a dropped connection would crash the process.
  client.on("error", (error) => close(error));
  client.on("end", () => close(null));
  await client.connect();
  return {
    query: async (text) => {
      await client.query(text);
    },
    onNotification: (listener) => {
      client.on("notification", (message) => listener(message.channel, message.payload));
    },
    onClose: (listener) => {
      closeListener = listener;
    },
    end: async () => {
      closed = true;
      await client.end().catch(() => {});
    },
  };
}
