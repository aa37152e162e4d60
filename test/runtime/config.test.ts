import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/runtime/node/config.js";
import { loadSecret } from "../../src/runtime/node/secret.js";
import { tempDir } from "../support/temp.js";

const STRONG_TOKEN = "msk_Vb3xN8qLr2T0pZ7wYh5KcJ9mFa4Ds1GuEo6Ri-_Qe0Wn";
const STRONG_SECRET = "7d1e0c9a4b2f86e35a9d0c1b7e4f2a6938c5d0e1f7a2b4c69e8d3f0a1b5c7e29";

describe("secrets chosen by the operator", () => {
  it.each([
    ["MISHEN_SECRET", "s"],
    ["MISHEN_SECRET", "0123456789abcdef0123456789abcdef"],
    ["MISHEN_SECRET", "a".repeat(100)],
    ["MISHEN_BOOTSTRAP_TOKEN", "bootstrap-old-0123456789abcdef"],
    ["MISHEN_BOOTSTRAP_TOKEN", "correct horse battery staple"],
    ["MISHEN_BOOTSTRAP_TOKEN", "3f9a0c1e7b2d48e65a9c0d3f1b7e2a4"],
  ])("refuses a weak %s (%s) with a Chinese message naming it", (name, value) => {
    expect(() => loadConfig({ [name]: value }, "/srv")).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value }, "/srv")).toThrow(new RegExp(`${name} 太弱.*至少需要 256 位`));
  });

  it.each([
    ["64 hex characters", "7d1e0c9a4b2f86e35a9d0c1b7e4f2a6938c5d0e1f7a2b4c69e8d3f0a1b5c7e29"],
    ["a generated token", STRONG_TOKEN],
    ["43 Base64url characters", "Vb3xN8qLr2T0pZ7wYh5KcJ9mFa4Ds1GuEo6Ri-_Qe0W"],
  ])("accepts %s", (_what, value) => {
    expect(loadConfig({ MISHEN_SECRET: value, MISHEN_BOOTSTRAP_TOKEN: value }, "/srv")).toMatchObject({ secret: value, bootstrapToken: value });
  });
});

describe("loadConfig", () => {
  it("uses the documented defaults", () => {
    const config = loadConfig({}, "/srv/mishen");
    expect(config).toMatchObject({
      port: 8787,
      host: "127.0.0.1",
      dbPath: "/srv/mishen/data/mishen.db",
      bootstrapToken: undefined,
      secret: undefined,
      maxBodyBytes: 2 * 1024 * 1024,
    });
  });

  it("reads every variable", () => {
    const config = loadConfig(
      { PORT: "9000", HOST: "0.0.0.0", MISHEN_DB: "db/x.db", MISHEN_BOOTSTRAP_TOKEN: STRONG_TOKEN, MISHEN_SECRET: STRONG_SECRET, MISHEN_MAX_BODY_BYTES: "1024" },
      "/srv",
    );
    expect(config).toMatchObject({ port: 9000, host: "0.0.0.0", dbPath: "/srv/db/x.db", bootstrapToken: STRONG_TOKEN, secret: STRONG_SECRET, maxBodyBytes: 1024 });
  });

  it("refuses invalid numbers with a Chinese message naming the variable", () => {
    for (const env of [{ PORT: "80x" }, { PORT: "70000" }, { MISHEN_MAX_BODY_BYTES: "-1" }, { MISHEN_MAX_BODY_BYTES: "2MB" }]) {
      expect(() => loadConfig(env, "/")).toThrow(ConfigError);
      expect(() => loadConfig(env, "/")).toThrow(new RegExp(`环境变量 ${Object.keys(env)[0]}`));
    }
  });
});

describe("loadSecret", () => {
  it("generates a key once into secret.key beside the database, readable only by its owner", async () => {
    const dir = tempDir("secret");
    const db = path.join(dir, "mishen.db");
    const first = await loadSecret(undefined, db);
    expect(first.origin).toBe("generated");
    expect(statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
    const second = await loadSecret(undefined, db);
    expect(second.origin).toBe("file");
    expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
    expect(readFileSync(path.join(dir, "secret.key"), "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it("prefers MISHEN_SECRET and writes no file then", async () => {
    const dir = tempDir("secret");
    const secret = await loadSecret("运维设置的密钥", path.join(dir, "mishen.db"));
    expect(secret.origin).toBe("env");
    expect(() => statSync(path.join(dir, "secret.key"))).toThrow();
  });
});
