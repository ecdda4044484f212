// A staff session against the running server from Node (cookie and CSRF token by hand), for
// arranging what a browser test needs faster than through the UI: services, staff, passwords.
export class ApiSession {
  private cookie = '';
  private csrf = '';

  constructor(private readonly url: string) {}

  static async signIn(url: string, login: string, password: string): Promise<ApiSession> {
    const session = new ApiSession(url);
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    if (res.status !== 204) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
    session.cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    session.csrf = (await session.call<{ csrfToken: string }>('GET', '/api/auth/me')).csrfToken;
    return session;
  }

  async call<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.url + path, {
      method,
      headers: { cookie: this.cookie, 'content-type': 'application/json', 'x-csrf-token': this.csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
