// The load generator for `npm run bench`, run as its own process so it does not share a core's
// event loop with the server or the bench: autocannon with every request a different draft.
// Usage: node scripts/bench-load.mjs URL TOKEN BODIES.json CONNECTIONS SECONDS [PATH]
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

const [url, token, bodiesFile, connections, seconds, path = "/v1/reviews"] = process.argv.slice(2);
const bodies = path === "/healthz" ? [] : JSON.parse(readFileSync(bodiesFile, "utf8"));
let next = 0;
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  requests: [
    path === "/healthz"
      ? { method: "GET", path }
      : {
          method: "POST",
          path,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          // Each request takes the next draft: no two requests in a run send the same text.
          setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
        },
  ],
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: result.statusCodeStats,
    duration: result.duration,
    sent: next,
  }) + "\n",
);
