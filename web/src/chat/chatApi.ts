// The staff chat through react-query: a chat's view (transcript merged by seq), typing,
// read marks, ending; the service's canned responses; caller blocks. Every read of a chat is
// audited by the server, so the view is not refetched on window focus, only when something says
// it may be out of date (a gap in the seqs, a reconnect, a state change) or by a slow poll.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, newCommandId } from '../api';
import { WORKSTATION_KEY } from '../routing/routingApi';
import { contiguousEnd, mergeView } from './messageLog';
import type { CannedResponse, ChatBlock, StaffChatView } from './types';

export const chatKey = (chatId: string) => ['chats', chatId] as const;
export const cannedKey = (serviceId: string) => ['chat-canned', serviceId] as const;
export const blocksKey = (serviceId: string) => ['chat-blocks', serviceId] as const;

/** Reads what is new since the last seq held without a gap, merged into the held view. */
async function readChat(client: QueryClient, chatId: string): Promise<StaffChatView> {
  const held = client.getQueryData<StaffChatView>(chatKey(chatId));
  const after = held && !held.chat.transcriptDeleted ? contiguousEnd(held.messages) : 0;
  const read = await api.get<StaffChatView>(`/api/chats/${chatId}?after=${after}`);
  return mergeView(client.getQueryData<StaffChatView>(chatKey(chatId)), read);
}

export const useChatView = (chatId: string | null) => {
  const client = useQueryClient();
  return useQuery({
    queryKey: chatKey(chatId ?? ''),
    queryFn: () => readChat(client, chatId!),
    enabled: chatId !== null,
    staleTime: 0,
    refetchOnWindowFocus: false,
    // Live events carry the messages; the poll refreshes "online" and covers a silent socket.
    refetchInterval: 60_000,
  });
};

/** Applies a change to the held view of a chat, if there is one. */
export function updateChat(client: QueryClient, chatId: string, change: (view: StaffChatView) => StaffChatView): void {
  client.setQueryData<StaffChatView>(chatKey(chatId), (view) => (view ? change(view) : view));
}

export const sendTyping = (chatId: string) => api.post<void>(`/api/chats/${chatId}/typing`).catch(() => undefined);

export const markChatRead = (chatId: string, seq: number) =>
  api.post<{ staffReadSeq: number }>(`/api/chats/${chatId}/read`, { seq }).catch(() => undefined);

export const useEndChat = (chatId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ state: 'ended' }>(`/api/chats/${chatId}/end`, { commandId: newCommandId() }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: chatKey(chatId) });
      void client.invalidateQueries({ queryKey: WORKSTATION_KEY });
    },
  });
};

export const useCannedResponses = (serviceId: string) =>
  useQuery({
    queryKey: cannedKey(serviceId),
    queryFn: () => api.get<{ items: CannedResponse[] }>(`/api/services/${serviceId}/canned-responses`).then((r) => r.items),
    staleTime: 60_000,
  });

function useCannedMutation<T>(serviceId: string, fn: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => void client.invalidateQueries({ queryKey: cannedKey(serviceId) }) });
}

export const useCreateCanned = (serviceId: string) =>
  useCannedMutation(serviceId, (input: { title: string; body: string }) =>
    api.post<CannedResponse>(`/api/services/${serviceId}/canned-responses`, input),
  );

export const useUpdateCanned = (serviceId: string) =>
  useCannedMutation(serviceId, ({ id, ...patch }: { id: string; version: number; title: string; body: string }) =>
    api.patch<CannedResponse>(`/api/canned-responses/${id}`, patch),
  );

export const useDeleteCanned = (serviceId: string) =>
  useCannedMutation(serviceId, (id: string) => api.delete(`/api/canned-responses/${id}`));

export const useChatBlocks = (serviceId: string) =>
  useQuery({
    queryKey: blocksKey(serviceId),
    queryFn: () => api.get<{ blocks: ChatBlock[] }>(`/api/services/${serviceId}/chat-blocks`).then((r) => r.blocks),
    refetchOnWindowFocus: false,
  });

export const useBlockCaller = (chatId: string, serviceId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { hours: number; reason: string }) => api.post<ChatBlock>(`/api/chats/${chatId}/block`, input),
    onSettled: () => void client.invalidateQueries({ queryKey: blocksKey(serviceId) }),
  });
};

export const useLiftBlock = (serviceId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (blockId: string) => api.post<{ liftedAt: string }>(`/api/chat-blocks/${blockId}/lift`),
    onSettled: () => void client.invalidateQueries({ queryKey: blocksKey(serviceId) }),
  });
};
