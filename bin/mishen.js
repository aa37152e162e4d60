#!/usr/bin/env node
// Entry for `npx mishen`: registers tsx's ESM loader so the TypeScript sources run as they are
// (no build step), then hands over to the CLI.
import { register } from "tsx/esm/api";

register();
const { run } = await import("../src/cli/mishen.ts");
await run(process.argv.slice(2));
