// Who may do what. Routes ask for a permission, never for a role; this table is the one place
// where a role's rights are written down (the README's role table mirrors it, and
// test/http/route-rules.test.ts walks every route against it).
import { z } from "zod";

/** Roles a bearer token can have. `integration` is for machines (a CMS) only. */
export const ROLES = ["editor", "integration", "officer", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles a person signing in with a password can have. */
export const USER_ROLES = ["editor", "officer", "admin"] as const;
export const userRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRoleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  editor: "编辑",
  integration: "系统集成",
  officer: "保密审查人员",
  admin: "管理员",
};

export const PERMISSIONS = [
  "review:create",
  "review:read",
  /** Mark a redact finding of a review as a false alarm (never an escalation). */
  "finding:dismiss",
  "escalation:list",
  /** Read an escalated draft in clear: only the people who must decide on it. */
  "escalation:read",
  "escalation:claim",
  "escalation:decide",
  "user:create",
  "user:list",
  "user:disable",
  "token:create",
  /** See every API token's id, role, label and state; never the token. */
  "token:list",
  "token:revoke",
  "audit:verify",
  "stats:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const OFFICER: readonly Permission[] = [
  "review:create",
  "review:read",
  "finding:dismiss",
  "escalation:list",
  "escalation:read",
  "escalation:claim",
  "escalation:decide",
];

const GRANTS: Record<Role, readonly Permission[]> = {
  editor: ["review:create", "review:read", "finding:dismiss"],
  integration: ["review:create", "review:read"],
  officer: OFFICER,
  // The bootstrap token is an admin token and keeps every right.
  admin: PERMISSIONS,
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => roleAllows(role, permission));
}
