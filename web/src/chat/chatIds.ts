// Which chat a routing contact carries: the first contact of its transfer chain has the chat's id
// (the server names it in every contact view as `firstContactId`).
import type { ContactView } from '../routing/types';

export const chatIdOf = (contact: ContactView): string => contact.firstContactId;

export const chatPath = (chatId: string) => `/chats/${chatId}`;
export const cannedAdminPath = (serviceId: string) => `/board/${serviceId}/canned-responses`;
