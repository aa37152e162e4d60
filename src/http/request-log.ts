// One line per request: method, route, status, duration, review id. Never the body, the
// query string or a header: any of them can carry a draft's personal data or a token.
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "./context.js";

export function requestLog(log: (line: string) => void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round(performance.now() - started);
      const review = c.get("reviewId");
      log(`${new Date().toISOString()} ${c.req.method} ${routeOf(c)} ${c.res.status} ${ms}ms${review ? ` review=${review}` : ""}`);
    }
  };
}

/** The route pattern that answered (/v1/reviews/:id), so a path typed by a client is never logged as is. */
function routeOf(c: Parameters<MiddlewareHandler>[0]): string {
  const route = matchedRoutes(c).filter((r) => r.method !== "ALL").at(-1);
  return route ? route.path : "(未匹配的路径)";
}
