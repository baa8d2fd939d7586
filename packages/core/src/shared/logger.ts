export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger that adds these fields to every line (e.g. the request id). */
  child(bindings: Record<string, unknown>): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** One JSON line per entry on stdout/stderr: cheap, greppable, and what log shippers expect. */
export function createLogger(level: LogLevel, bindings: Record<string, unknown> = {}): Logger {
  const write = (entryLevel: Exclude<LogLevel, "silent">, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[entryLevel] < ORDER[level]) return;
    const line = JSON.stringify({
      level: entryLevel,
      time: new Date().toISOString(),
      msg: message,
      ...bindings,
      ...fields,
    });
    if (entryLevel === "error" || entryLevel === "warn") process.stderr.write(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  };
  return {
    debug: (message, fields) => write("debug", message, fields),
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
    child: (extra) => createLogger(level, { ...bindings, ...extra }),
  };
}
