import type { TokenRow } from "../store/store.js";

/** Per-request values middleware hands to routes and to the request log. */
export type AppEnv = {
  Variables: {
    token: TokenRow;
    /** The review a request created or read, for the request log. */
    reviewId: string;
  };
};
