import { z } from "zod";

export const ROLES = ["editor", "integration", "officer", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** What a request may do. Routes ask for a permission, never for a role. */
export type Permission = "review:create" | "review:read" | "token:create" | "audit:verify";

const GRANTS: Record<Role, readonly Permission[]> = {
  editor: ["review:create", "review:read"],
  integration: ["review:create", "review:read"],
  officer: ["review:create", "review:read"],
  admin: ["review:create", "review:read", "token:create", "audit:verify"],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
