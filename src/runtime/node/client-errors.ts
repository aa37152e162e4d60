// Requests Node's HTTP parser refuses before the app sees them (a malformed request line,
// headers too large, a broken chunked encoding) get the same JSON error shape and the same
// security headers as every other answer, instead of Node's bare "400 Bad Request".
import type { Server } from "node:http";
import type { Duplex } from "node:stream";

const SECURITY_HEADERS = [
  "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  "X-Content-Type-Options: nosniff",
  "X-Frame-Options: DENY",
  "Referrer-Policy: same-origin",
  "Cross-Origin-Resource-Policy: same-origin",
  "Cross-Origin-Opener-Policy: same-origin",
  "Cache-Control: no-store",
];

export function answerClientErrors(server: Server): void {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A client that went away needs no answer.
    if (err.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
    const [status, code, message] = tooLarge
      ? ["431 Request Header Fields Too Large", "headers_too_large", "请求头过大"]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? ["408 Request Timeout", "request_timeout", "请求未在规定时间内发送完毕"]
        : ["400 Bad Request", "bad_request", "请求格式错误，不是有效的 HTTP 请求"];
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      [`HTTP/1.1 ${status}`, "Content-Type: application/json; charset=UTF-8", `Content-Length: ${Buffer.byteLength(body)}`, "Connection: close", ...SECURITY_HEADERS, "", body].join("\r\n"),
    );
  });
}
