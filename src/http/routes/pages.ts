// The people's pages. Each has its role rule here, next to its path; actions on them go
// through the JSON API (same rules) from the page scripts.
import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { ApiError } from "../errors.js";
import { requirePage } from "../auth.js";
import { readReview } from "../review-service.js";
import { listEscalations, readCase } from "../escalation-service.js";
import { presentUser } from "../user-service.js";
import { adminView, caseView, editorView, forbiddenView, notFoundView, queueView, reviewStatusView } from "../../web/views.js";
import type { AppDeps } from "../app.js";

export function pageRoutes(deps: AppDeps) {
  const forbidden = (c: Parameters<Parameters<typeof requirePage>[2]>[0], principal: Parameters<Parameters<typeof requirePage>[2]>[1]) =>
    c.html(forbiddenView(principal), 403);
  const page = (permission: Parameters<typeof requirePage>[1]) => requirePage(deps, permission, forbidden);

  return new Hono<AppEnv>()
    .get("/", page("review:create"), (c) => c.html(editorView(c.get("principal"), deps.profiles)))
    .get("/reviews/:id", page("review:read"), async (c) => {
      const review = await readReview(deps, c.req.param("id"));
      if (!review) return c.html(notFoundView(c.get("principal"), "审查记录"), 404);
      c.set("reviewId", review.id);
      return c.html(reviewStatusView(c.get("principal"), review));
    })
    .get("/officer", page("escalation:list"), async (c) => {
      const tab = c.req.query("status") === "decided" ? "decided" : "open";
      const items = await listEscalations(deps, tab === "decided" ? "decided" : undefined);
      return c.html(queueView(c.get("principal"), items, tab));
    })
    .get("/officer/cases/:id", page("escalation:read"), async (c) => {
      try {
        return c.html(caseView(c.get("principal"), await readCase(deps, c.req.param("id"), c.get("principal"))));
      } catch (err) {
        if (err instanceof ApiError && err.code === "not_found") return c.html(notFoundView(c.get("principal"), "案件"), 404);
        throw err;
      }
    })
    .get("/admin", page("user:list"), async (c) => {
      const users = (await deps.store.listUsers()).map(presentUser);
      return c.html(adminView(c.get("principal"), users, await deps.store.falseAlarmCounts()));
    });
}
