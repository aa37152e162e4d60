import type { Decision, Finding } from "./schema.js";

/** Any escalation → escalate; else any redaction → redact; else publish. Nothing downgrades an escalation. */
export function decide(findings: readonly Finding[]): Decision {
  if (findings.some((f) => f.action === "escalate")) return "escalate";
  if (findings.some((f) => f.action === "redact")) return "redact";
  return "publish";
}
