// The counsellor's side of routing through react-query: the workstation and the commands on it.
// Every command answers with the new workstation, which replaces the cached one at once. Each
// workstation answer stamps the server's clock, which the offer countdown and timers follow.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newCommandId } from '../api';
import { noteServerClock } from './time';
import type { Channel, ContactView, Risk, SettablePresence, TransferTarget, Workstation } from './types';

export const WORKSTATION_KEY = ['routing', 'workstation'] as const;

export const useWorkstation = () =>
  useQuery({
    queryKey: WORKSTATION_KEY,
    queryFn: () => api.get<Workstation>('/api/routing/workstation').then(noteServerClock),
    // Realtime events keep it fresh; the poll only covers a socket that is silently down.
    staleTime: 5_000,
    refetchInterval: 60_000,
  });

function useWorkstationCommand<T>(fn: (input: T) => Promise<Workstation>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: T) => fn(input).then(noteServerClock),
    onSuccess: (workstation) => queryClient.setQueryData(WORKSTATION_KEY, workstation),
    // A refused command (offer already gone, contact closed) means the screen is out of date.
    onError: () => void queryClient.invalidateQueries({ queryKey: WORKSTATION_KEY }),
  });
}

export const useSetPresence = () =>
  useWorkstationCommand((input: { serviceId: string; presence: SettablePresence }) =>
    api.put<Workstation>('/api/routing/workstation/presence', { commandId: newCommandId(), ...input }),
  );

export const useAnswerOffer = () =>
  useWorkstationCommand(({ offerId, answer }: { offerId: string; answer: 'accept' | 'decline' }) =>
    api.post<Workstation>(`/api/routing/offers/${offerId}/${answer}`, { commandId: newCommandId() }),
  );

export type ContactAction = { type: 'end' } | { type: 'complete' } | { type: 'extend-wrap-up'; seconds: number };

export const useContactAction = () =>
  useWorkstationCommand(({ contactId, action }: { contactId: string; action: ContactAction }) => {
    const { type, ...rest } = action;
    return api.post<Workstation>(`/api/routing/contacts/${contactId}/${type}`, { commandId: newCommandId(), ...rest });
  });

export interface TransferInput {
  contactId: string;
  target: TransferTarget;
  note: string | null;
}

/** Transfers answer with the actor's workstation; a supervisor transferring from the board refreshes it too. */
export const useTransfer = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, target, note }: TransferInput) =>
      api.post<Workstation>(`/api/routing/contacts/${contactId}/transfer`, {
        commandId: newCommandId(),
        target,
        ...(note ? { note } : {}),
      }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['routing'] }),
  });
};

export interface OfflineContactInput {
  serviceId: string;
  channel: Channel;
  risk: Risk;
  language: string | null;
}

export const useRecordOfflineContact = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ serviceId, ...input }: OfflineContactInput) =>
      api.post<{ contact: ContactView }>(`/api/routing/services/${serviceId}/offline-contacts`, {
        commandId: newCommandId(),
        channel: input.channel,
        risk: input.risk,
        ...(input.language ? { language: input.language } : {}),
      }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: WORKSTATION_KEY }),
  });
};
