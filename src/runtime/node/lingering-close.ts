// Closing a connection without resetting a client that is still sending.
//
// After refusing an oversized body (413, Connection: close) the client may still be uploading
// the rest of it. Node's http server closes such a socket with destroySoon(): FIN, then the
// socket is gone, and every byte the client sends afterwards makes the kernel answer with a
// TCP reset, which can throw away the 413 the client has not read yet. Like nginx's
// lingering_close, we send FIN and keep reading (and discarding) what still arrives, until the
// client closes its side, goes quiet, or sends too much, and only then destroy the socket.
import type { Server } from "node:http";
import type { Socket } from "node:net";

export interface LingerSettings {
  /** Destroy after this long without a byte from the client. */
  quietMs: number;
  /** …and after this long in any case. */
  maxMs: number;
  /** …or once this many bytes were discarded. */
  maxBytes: number;
}

export const DEFAULT_LINGER: LingerSettings = { quietMs: 2_000, maxMs: 30_000, maxBytes: 64 * 1024 * 1024 };

export function lingerOnClose(server: Server, settings: LingerSettings = DEFAULT_LINGER): void {
  server.on("connection", (socket: Socket) => {
    // destroySoon is what the http server calls once a response that closes the connection is sent.
    (socket as Socket & { destroySoon?: () => void }).destroySoon = () => lingeringClose(socket, settings);
  });
}

function lingeringClose(socket: Socket, settings: LingerSettings): void {
  if (socket.destroyed) return;
  let discarded = 0;
  let quiet: NodeJS.Timeout | undefined;
  const done = () => {
    clearTimeout(quiet);
    clearTimeout(cap);
    socket.destroy();
  };
  const cap = setTimeout(done, settings.maxMs);
  const rearm = () => {
    clearTimeout(quiet);
    quiet = setTimeout(done, settings.quietMs);
  };
  socket.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > settings.maxBytes) done();
    else rearm();
  });
  socket.once("end", done);
  socket.once("error", done);
  socket.once("close", () => {
    clearTimeout(quiet);
    clearTimeout(cap);
  });
  rearm();
  // FIN once the response is flushed; the reading side stays open.
  socket.end();
  socket.resume();
}
