import type { loadNodeEngine } from "./engine.js";

type NodeEngineOptions = NonNullable<Parameters<typeof loadNodeEngine>[0]>;

/** Engine loader options from config; only the overrides that were set. */
export function engineOptions(dirs: { lexiconDir?: string | undefined; modelDir?: string | undefined }): NodeEngineOptions {
  const options: NodeEngineOptions = {};
  if (dirs.lexiconDir) options.lexiconDir = dirs.lexiconDir;
  // Assigned loosely: the model option arrives with the classifier.
  if (dirs.modelDir) Object.assign(options, { modelDir: dirs.modelDir });
  return options;
}

/** The load error in Chinese, naming the file the engine named. */
export function engineLoadMessage(err: unknown): string {
  const detail = err instanceof Error ? err.message : String(err);
  return `审查引擎加载失败：${detail}`;
}
