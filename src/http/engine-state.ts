import type { Engine } from "../engine/index.js";

/** The engine loads in the background while the server already answers /healthz. */
export type EngineState =
  | { status: "starting" }
  | { status: "ready"; engine: Engine }
  | { status: "error"; message: string };
