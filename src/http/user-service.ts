// Creating and disabling people's accounts, each with its audit event in the same transaction.
// Used by POST /v1/users, the admin page and `mishen user add`.
import { z } from "zod";
import { userRecordDigest } from "../audit/chain.js";
import type { AuditLog } from "../audit/log.js";
import { invalidUsernameReason, usernameSchema, weakPasswordReason, type PasswordHasher } from "../auth/passwords.js";
import { userRoleSchema } from "../auth/roles.js";
import type { ReviewStore, UserRow } from "../store/store.js";
import { ApiError } from "./errors.js";

export interface UserDeps {
  store: ReviewStore;
  audit: AuditLog;
  passwords: PasswordHasher;
  now: () => Date;
}

export const userRequestSchema = z.object({
  username: z.string().max(200),
  password: z.string().max(1000),
  role: userRoleSchema,
  displayName: z.string().max(100).optional(),
});
export type UserRequest = z.infer<typeof userRequestSchema>;

export const userViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: userRoleSchema,
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});
export type UserView = z.infer<typeof userViewSchema>;

export function presentUser(user: UserRow): UserView {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, createdAt: user.createdAt, disabledAt: user.disabledAt };
}

export async function createUser(deps: UserDeps, request: UserRequest, actor: string | null, origin: "api" | "page" | "cli"): Promise<UserView> {
  const badName = invalidUsernameReason(request.username);
  if (badName) throw new ApiError("invalid_request", badName);
  const username = usernameSchema.parse(request.username);
  const weak = weakPasswordReason(request.password, username);
  if (weak) throw new ApiError("weak_password", weak);
  const displayName = request.displayName?.trim() || username;
  if (await deps.store.findUserByUsername(username)) throw new ApiError("username_taken", `用户名 ${username} 已被使用`);

  const row: UserRow = {
    id: "usr_" + globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 16),
    username,
    displayName,
    role: request.role,
    passwordHash: await deps.passwords.hash(request.password),
    createdAt: deps.now().toISOString(),
    createdBy: actor,
    disabledAt: null,
  };
  try {
    await deps.audit.record(
      {
        type: "user.created",
        actor,
        subject: row.id,
        payload: { username, displayName, role: row.role, origin, record: await userRecordDigest(row) },
      },
      (event) => deps.store.insertUser(row, event),
    );
  } catch (err) {
    // Two requests for the same new name at once: the unique index lets one through.
    if (await deps.store.findUserByUsername(username)) throw new ApiError("username_taken", `用户名 ${username} 已被使用`);
    throw err;
  }
  return presentUser(row);
}

export async function disableUser(deps: UserDeps, idOrName: string, actor: string | null, origin: "api" | "page" | "cli"): Promise<UserView> {
  const user = (await deps.store.getUser(idOrName)) ?? (await deps.store.findUserByUsername(idOrName.toLowerCase()));
  if (!user) throw new ApiError("not_found", "用户不存在");
  if (user.disabledAt) throw new ApiError("already_disabled", `用户 ${user.username} 已于 ${user.disabledAt} 停用`);
  const disabledAt = deps.now().toISOString();
  await deps.audit.record(
    { type: "user.disabled", actor, subject: user.id, payload: { username: user.username, origin, disabledAt } },
    (event) => deps.store.disableUser(user.id, disabledAt, event),
  );
  return presentUser({ ...user, disabledAt });
}
