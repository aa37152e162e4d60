// HTTP on a bare TCP socket, for what fetch() will not send: malformed requests, lying
// lengths, bodies cut off half way, connections dropped mid-request, clients that keep
// uploading after the answer came.
import net from "node:net";

export interface Exchange {
  /** Status codes of every response read on the connection, in order. */
  statuses: number[];
  raw: string;
  /** The server closed its side cleanly (FIN). */
  ended: boolean;
  /** A socket error (ECONNRESET, EPIPE): the server reset the connection. */
  error: string | null;
  /** The connection was still open when the bound ran out. */
  timedOut: boolean;
}

export interface ExchangeOptions {
  /** Pieces written one after another, `gapMs` apart. */
  gapMs?: number;
  /** After writing: "end" half-closes, "destroy" drops the connection, "wait" keeps it open. */
  then?: "end" | "destroy" | "wait";
  /** The bound after which the connection counts as hung (not a timing assertion: a hang is a failure). */
  boundMs?: number;
  /** Give up waiting once this many responses have arrived (keep-alive: the server would wait for more). */
  responses?: number;
}

export function exchange(url: string, pieces: (string | Buffer)[], options: ExchangeOptions = {}): Promise<Exchange> {
  const { port, hostname } = new URL(url);
  const { gapMs = 0, then = "end", boundMs = 20_000, responses } = options;
  return new Promise((resolve) => {
    // allowHalfOpen: like a client that keeps uploading after the server has said its piece.
    const socket = net.connect({ port: Number(port), host: hostname, allowHalfOpen: true });
    const result: Exchange = { statuses: [], raw: "", ended: false, error: null, timedOut: false };
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(bound);
      result.statuses = [...result.raw.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
      socket.destroy();
      resolve(result);
    };
    const bound = setTimeout(() => {
      result.timedOut = true;
      finish();
    }, boundMs);
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => {
      result.raw += d;
      if (responses !== undefined && [...result.raw.matchAll(/HTTP\/1\.[01] \d{3}/g)].length >= responses && completeBodies(result.raw)) finish();
    });
    socket.on("end", () => {
      result.ended = true;
      socket.end();
    });
    socket.on("error", (e) => (result.error = (e as NodeJS.ErrnoException).code ?? e.message));
    socket.on("close", finish);
    socket.on("connect", async () => {
      for (const piece of pieces) {
        if (socket.destroyed) return;
        if (!socket.write(piece)) await new Promise((r) => socket.once("drain", r));
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      }
      if (then === "end") socket.end();
      else if (then === "destroy") socket.destroy();
    });
  });
}

/** Every response read so far has its whole Content-Length body. */
function completeBodies(raw: string): boolean {
  const parts = raw.split(/(?=HTTP\/1\.[01] \d{3})/);
  return parts.every((part) => {
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) return false;
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(part.slice(0, split))?.[1];
    return length === undefined || Buffer.byteLength(part.slice(split + 4), "latin1") >= Number(length);
  });
}

export function request(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Buffer {
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8");
  const lines = [`${method} ${path} HTTP/1.1`, "Host: localhost", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (payload && !Object.keys(headers).some((k) => /^(content-length|transfer-encoding)$/i.test(k))) lines.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([Buffer.from(lines.join("\r\n") + "\r\n\r\n", "latin1"), payload ?? Buffer.alloc(0)]);
}

/** A body sent chunked, `size` bytes in chunks of `chunk`. */
export function chunkedPieces(size: number, chunk = 64 * 1024, fill = 0x61): Buffer[] {
  const out: Buffer[] = [];
  for (let sent = 0; sent < size; sent += chunk) {
    const n = Math.min(chunk, size - sent);
    out.push(Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), Buffer.alloc(n, fill), Buffer.from("\r\n")]));
  }
  out.push(Buffer.from("0\r\n\r\n"));
  return out;
}
