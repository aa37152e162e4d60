// One rules-only engine per test file: the recognizers are what these tests pin down. The
// classifier's own behaviour is tested in test/classifier*.test.ts against the shipped model.
import { loadNodeEngine } from "../../src/runtime/node/engine.js";
import type { Engine } from "../../src/engine/index.js";

let engine: Promise<Engine> | undefined;

export function rulesEngine(): Promise<Engine> {
  engine ??= loadNodeEngine({ classifier: false });
  return engine;
}
