import type { NodeEngineOptions } from "./engine.js";

/** Engine loader options from config; only the overrides that were set. */
export function engineOptions(dirs: { lexiconDir?: string | undefined; modelDir?: string | undefined }): NodeEngineOptions {
  const options: NodeEngineOptions = {};
  if (dirs.lexiconDir) options.lexiconDir = dirs.lexiconDir;
  if (dirs.modelDir) options.modelDir = dirs.modelDir;
  return options;
}

/** The load error in Chinese, naming the file the engine named. */
export function engineLoadMessage(err: unknown): string {
  const detail = err instanceof Error ? err.message : String(err);
  return `审查引擎加载失败：${detail}`;
}
