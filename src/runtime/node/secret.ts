// The HMAC key for value hashes. Losing it only means new hashes no longer match old ones;
// leaking it lets someone test guessed ID numbers against the database, hence mode 0600.
import { chmod, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";

export const SECRET_FILE = "secret.key";

export interface LoadedSecret {
  key: Uint8Array<ArrayBuffer>;
  /** Where it came from, for the start-up message. */
  origin: "env" | "file" | "generated";
  file?: string;
}

export async function loadSecret(envSecret: string | undefined, dbPath: string): Promise<LoadedSecret> {
  if (envSecret) return { key: new Uint8Array(new TextEncoder().encode(envSecret)), origin: "env" };
  const file = path.join(path.dirname(dbPath), SECRET_FILE);
  try {
    const hex = (await readFile(file, "utf8")).trim();
    if (!/^[0-9a-f]{64,}$/i.test(hex)) throw new Error(`密钥文件 ${file} 内容无效，应为十六进制密钥`);
    return { key: new Uint8Array(Buffer.from(hex, "hex")), origin: "file", file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const hex = randomBytes(32).toString("hex");
  try {
    // wx: two processes starting at once must not overwrite each other's key.
    await writeFile(file, hex + "\n", { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return loadSecret(undefined, dbPath);
    throw err;
  }
  await chmod(file, 0o600);
  return { key: new Uint8Array(Buffer.from(hex, "hex")), origin: "generated", file };
}
