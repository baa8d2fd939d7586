/**
 * A small EventSource over fetch for tests (Node 24 has none without `--experimental-eventsource`,
 * and no polyfill is installed). It behaves as a browser's does where tRPC's httpSubscriptionLink
 * relies on it: `open`/`error`/named events, `message` events with `lastEventId`, and automatic
 * reconnection after the stream ends or drops, sending `Last-Event-ID` with the last id seen.
 */
export class FetchEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  readonly url: string;
  /** Every request this source made, for tests that check what a reconnect sent. */
  readonly requests: { lastEventId: string | null }[] = [];
  private lastEventId = "";
  private retryMs = 200;
  private controller = new AbortController();

  constructor(url: string, _init?: { withCredentials?: boolean }) {
    super();
    this.url = url;
    void this.run();
  }

  close(): void {
    this.readyState = this.CLOSED;
    this.controller.abort();
  }

  private async run(): Promise<void> {
    while (this.readyState !== this.CLOSED) {
      try {
        await this.connectOnce();
      } catch {
        // A dropped connection: reconnect below, as EventSource does.
      }
      if (this.readyState === this.CLOSED) return;
      this.readyState = this.CONNECTING;
      this.dispatchEvent(new Event("error"));
      await new Promise((resolve) => setTimeout(resolve, this.retryMs));
    }
  }

  private async connectOnce(): Promise<void> {
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (this.lastEventId) headers["last-event-id"] = this.lastEventId;
    this.requests.push({ lastEventId: this.lastEventId || null });
    const response = await fetch(this.url, { headers, signal: this.controller.signal });
    if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
    this.readyState = this.OPEN;
    this.dispatchEvent(new Event("open"));
    let buffer = "";
    let type = "";
    let data: string[] = [];
    const decoder = new TextDecoder();
    for await (const bytes of response.body) {
      buffer += decoder.decode(bytes as Uint8Array, { stream: true });
      let newline = buffer.search(/\r\n|\n|\r/);
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
        newline = buffer.search(/\r\n|\n|\r/);
        if (line === "") {
          if (data.length) {
            this.dispatchEvent(
              new MessageEvent(type || "message", { data: data.join("\n"), lastEventId: this.lastEventId }),
            );
          }
          type = "";
          data = [];
          continue;
        }
        const colon = line.indexOf(":");
        if (colon === 0) continue;
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") type = value;
        else if (field === "data") data.push(value);
        else if (field === "id" && !value.includes("\0")) this.lastEventId = value;
        else if (field === "retry" && /^\d+$/.test(value)) this.retryMs = Number(value);
      }
    }
  }
}
