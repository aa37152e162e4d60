// The base64 that attachments (contentBase64 in and out), held drafts and tokens go through: any
// bytes come back as they went in, the encoding is the standard one a CMS decodes, and what is
// not base64 is refused rather than half-read.
import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { fromBase64, toBase64 } from "../../src/crypto/base64.js";

describe("base64", () => {
  it("round-trips any bytes, in the standard alphabet with padding", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64"));
        expect(fromBase64(text)).toEqual(bytes);
        // Line-wrapped (as mail and some CMSs send it) reads the same.
        expect(fromBase64(text.replace(/(.{76})/g, "$1\r\n"))).toEqual(bytes);
      }),
    );
  });

  it("gives the same text and bytes through the btoa/atob path workerd takes without nodejs_compat", async () => {
    // The module picks Buffer when it is loaded: load a fresh copy with Buffer out of sight.
    const saved = globalThis.Buffer;
    vi.resetModules();
    Reflect.deleteProperty(globalThis, "Buffer");
    let fallback: typeof import("../../src/crypto/base64.js");
    try {
      fallback = await import("../../src/crypto/base64.js");
    } finally {
      globalThis.Buffer = saved;
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        expect(fallback.toBase64(bytes)).toBe(toBase64(bytes));
        expect(fallback.fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
    );
    expect(fallback.fromBase64("abc$")).toBeNull();
  });

  it("encodes a view into a larger buffer as just its own bytes", () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5, 6]);
    expect(fromBase64(toBase64(whole.subarray(2, 5)))).toEqual(new Uint8Array([3, 4, 5]));
  });

  it("refuses what is not base64", () => {
    for (const bad of ["你好", "abc$", "A", "QUJD=QUJD", "-_-_"]) expect(fromBase64(bad)).toBeNull();
  });
});
