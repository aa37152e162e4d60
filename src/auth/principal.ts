// Who is asking: a machine with a bearer token or a person signed in with a session cookie.
// Records name either by id (tok_… / usr_…); actorOf() turns an id back into a name for pages
// and API answers.
import type { Actor } from "../escalation/schema.js";
import type { ReviewStore, SessionRow } from "../store/store.js";
import type { Role } from "./roles.js";

export interface Principal {
  /** tok_… or usr_…: what records and audit events name as actor. */
  id: string;
  kind: "token" | "user";
  role: Role;
  /** A person's display name, or a token's label. */
  name: string;
  username: string | null;
  /** Set for a person signed in through the browser. */
  session: SessionRow | null;
}

export function principalActor(p: Principal): Actor {
  return { id: p.id, username: p.username, name: p.name };
}

/** The person or machine behind an actor id, as named in records; unknown ids are shown as they are. */
export async function actorOf(store: ReviewStore, id: string | null): Promise<Actor> {
  if (id === null) return { id: "", username: null, name: "命令行或服务自身" };
  if (id.startsWith("usr_")) {
    const user = await store.getUser(id);
    if (user) return { id, username: user.username, name: user.displayName };
  } else if (id.startsWith("tok_")) {
    const token = await store.getToken(id);
    if (token) return { id, username: null, name: token.label ? `令牌：${token.label}` : `令牌 ${id}` };
  }
  return { id, username: null, name: id };
}

/** Memoizes actorOf within one answer (a queue names the same officers many times). */
export function actorCache(store: ReviewStore): (id: string | null) => Promise<Actor> {
  const seen = new Map<string | null, Promise<Actor>>();
  return (id) => {
    let actor = seen.get(id);
    if (!actor) seen.set(id, (actor = actorOf(store, id)));
    return actor;
  };
}
