// The page's HTTP calls (same origin only): the list of services, starting a chat, feedback.
import { t } from './i18n.js';
import { lang } from './lang.js';

export interface PublicService {
  id: string;
  name: string;
  region: string;
  open: boolean;
  phones: string[];
  hours: { from: string; to: string } | null;
  timeZone: string;
}

export interface ServiceList {
  services: PublicService[];
  nationalPhone: string;
  exitUrl: string;
}

export type Who = 'child' | 'teen' | 'parent' | 'adult';
export type Gender = 'female' | 'male' | 'other';
export interface About {
  who?: Who;
  age?: number;
  gender?: Gender;
  region?: string;
}

export interface StartChat {
  chatId: string;
  serviceId: string;
  token: string;
  deviceToken: string;
  about: About;
  firstMessage: { clientId: string; text: string } | null;
}

/** A refusal with the server's stable code and its message in the page's language. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': lang };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
  } catch {
    throw new ApiError('network', t.networkError);
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const e = json as { code?: string; message?: string } | undefined;
    throw new ApiError(e?.code ?? `http.${res.status}`, e?.message ?? t.networkError);
  }
  return json as T;
}

export const listServices = (): Promise<ServiceList> => call<ServiceList>('GET', '/api/chat/services');

export const startChat = (input: StartChat): Promise<{ chatId: string; state: 'waiting' | 'active' | 'ended' }> =>
  call('POST', '/api/chat/chats', input);

export const sendFeedback = (chatId: string, token: string, rating: number | null, comment: string | null): Promise<void> =>
  call('POST', `/api/chat/chats/${encodeURIComponent(chatId)}/feedback`, { rating, comment }, token);
