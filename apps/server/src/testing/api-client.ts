import assert from 'node:assert/strict';

/** One API call: method, path, optional JSON body and extra headers (the language: `accept-language`). */
export type ApiCall = (path: string, init?: { method?: string; json?: unknown; headers?: Record<string, string> }) => Promise<Response>;

/** A signed-in API client for tests that keeps its cookies and sends the CSRF token on writes. */
export async function apiClient(baseUrl: string, email: string, password = 'demo-passord-2026'): Promise<ApiCall> {
  const cookies = new Map<string, string>();
  const call: ApiCall = async (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const csrf = cookies.get('ts_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
    const response = await fetch(baseUrl + path, { method: init.method ?? 'GET', headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}) });
    for (const c of response.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return response;
  };
  assert.equal((await call('/api/v1/auth/sign-in', { method: 'POST', json: { email, password } })).status, 200);
  return call;
}

/** The fields an error response names. */
export async function fieldsOf(response: Response): Promise<string[]> {
  const body = (await response.json()) as { error: { fields: { field: string }[] } };
  return body.error.fields.map((f) => f.field);
}

/**
 * One signed-in client per account for a whole test file (sign-ins from one address are rate-limited). The
 * base URL is read on first use, so the cache can be made before the test server starts.
 */
export function signedInClients(baseUrl: () => string): (email: string) => Promise<ApiCall> {
  const clients = new Map<string, Promise<ApiCall>>();
  return (email) => {
    let client = clients.get(email);
    if (!client) {
      client = apiClient(baseUrl(), email);
      clients.set(email, client);
    }
    return client;
  };
}
