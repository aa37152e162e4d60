import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { errorBody } from "../errors.js";
import type { AppDeps } from "../app.js";

export interface Asset {
  body: string;
  contentType: string;
}

/** Page scripts and styles: public (the sign-in page needs its style sheet), never inline. */
export function assetRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get("/assets/:name", (c) => {
    const asset = deps.assets.get(c.req.param("name"));
    if (!asset) return c.json(errorBody("not_found", "请求的路径不存在"), 404);
    return c.body(asset.body, 200, { "Content-Type": asset.contentType, "Cache-Control": "no-cache" });
  });
}
