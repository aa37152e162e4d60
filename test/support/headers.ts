// The security headers every answer carries, pages and API alike.
import { expect } from "vitest";

export function expectSecurityHeaders(headers: Headers, what: string) {
  expect(headers.get("content-security-policy"), what).toMatch(/default-src 'none'/);
  expect(headers.get("content-security-policy"), what).toMatch(/frame-ancestors 'none'/);
  expect(headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(headers.get("x-frame-options"), what).toBe("DENY");
  expect(headers.get("referrer-policy"), what).toBe("same-origin");
  expect(headers.get("cross-origin-resource-policy"), what).toBe("same-origin");
  expect(headers.get("x-powered-by"), what).toBeNull();
}
