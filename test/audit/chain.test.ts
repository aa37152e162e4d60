import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "../../src/audit/digest.js";
import { GENESIS_HASH, eventHash, sealEvent } from "../../src/audit/chain.js";

describe("canonicalJson", () => {
  it("serializes a value the same way whatever the key order", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });

  it("round-trips through JSON.parse to an equal value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(JSON.parse(canonicalJson(value)))).toBe(canonicalJson(value));
      }),
    );
  });
});

describe("sealEvent", () => {
  it("links the first event to the genesis hash and each later one to its predecessor", async () => {
    const first = await sealEvent(null, { type: "token.created", actor: null, subject: "tok_1", payload: { role: "admin" } }, "2026-01-01T00:00:00.000Z");
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    const second = await sealEvent(first, { type: "auth.failed", actor: null, subject: null, payload: { reason: "missing" } }, "2026-01-01T00:00:01.000Z");
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(await eventHash(second)).toBe(second.hash);
  });

  it("changes the hash when any field changes", async () => {
    const base = await sealEvent(null, { type: "review.created", actor: "tok_1", subject: "r1", payload: { decision: "redact" } }, "2026-01-01T00:00:00.000Z");
    const variants = [
      { ...base, seq: 2 },
      { ...base, ts: "2026-01-01T00:00:00.001Z" },
      { ...base, type: "token.created" },
      { ...base, actor: "tok_2" },
      { ...base, subject: "r2" },
      { ...base, payload: '{"decision":"publish"}' },
      { ...base, prevHash: "1".repeat(64) },
    ];
    for (const v of variants) expect(await eventHash(v)).not.toBe(base.hash);
  });

  it("uses SHA-256 from WebCrypto", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
