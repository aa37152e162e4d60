import type { Principal } from "../auth/principal.js";

/** Per-request values middleware hands to routes and to the request log. */
export type AppEnv = {
  Variables: {
    /** Who is asking: a bearer token or a signed-in person. */
    principal: Principal;
    /** The review a request created or read, for the request log. */
    reviewId: string;
  };
};
