// The one way the SPA talks to the server: JSON over fetch, same-origin cookie session, the CSRF
// token on every unsafe method, Accept-Language for localised error messages. Failures throw
// ApiError carrying the server's stable code and its already-localised message.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (err: unknown, code?: string): err is ApiError =>
  err instanceof ApiError && (code === undefined || err.code === code);

let csrfToken: string | null = null;
let locale = 'ru';

/** Set from /api/auth/me; sent as x-csrf-token on POST/PATCH/PUT/DELETE. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLocale(next: string): void {
  locale = next;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** `rawType`: send `body` (a file) as it is, with this content type, instead of as JSON. */
async function request<T>(method: Method, path: string, body?: unknown, rawType?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale };
  if (method !== 'GET') {
    headers['content-type'] = rawType ?? 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' ? undefined : rawType ? (body as Blob) : JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiError(0, 'network', locale === 'en' ? 'No connection to the server.' : 'Нет связи с сервером.');
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response.status, data);
  return data as T;
}

function toApiError(status: number, data: unknown): ApiError {
  if (data && typeof data === 'object' && 'code' in data && 'message' in data) {
    const { code, message, details } = data as { code: string; message: string; details?: Record<string, unknown> };
    return new ApiError(status, code, message, details);
  }
  return new ApiError(status, 'internal', locale === 'en' ? `Server error (${status}).` : `Ошибка сервера (${status}).`);
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** A file as the request body (e.g. an import), with its content type. */
  upload: <T>(path: string, file: Blob, contentType: string) => request<T>('POST', path, file, contentType),
};

/**
 * A fresh id for a routing command (the server answers a retry with the first result). Plain-HTTP
 * deployments are not a secure context and lack crypto.randomUUID; getRandomValues works everywhere.
 */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
