// One way for tests to send a request with a bearer token and a JSON body and read the answer,
// whether the app is called in-process (app.request) or a real server over HTTP (fetch).

export interface RequestOptions {
  /** undefined: the caller's default token; null: no Authorization header. */
  token?: string | null;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

export async function sendRequest(
  send: (url: string, init: RequestInit) => Response | Promise<Response>,
  method: string,
  url: string,
  init: RequestOptions,
  defaultToken: () => string | Promise<string>,
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  const token = init.token === undefined ? await defaultToken() : init.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers["content-type"] ??= "application/json";
  }
  const res = await send(url, { method, headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
