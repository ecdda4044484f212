// The staff side of calls through react-query: a call's facts (GET /api/voice/calls/:callId, the
// contact id is the call id), a supervisor ending a stuck call, and a service's phone numbers (the
// numbers the operator's trunk dials; set by the deployment admin, read by the service's head).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import { boardKey } from '../../routing/boardApi';
import type { VoiceStatus } from '../voiceApi';

export type CallOutcome = 'answered' | 'abandoned' | 'failed' | 'rejected';
export type AbandonedStage = 'queued' | 'ringing';
export type CallEndedBy = 'caller' | 'counsellor' | 'system';

export interface CallFacts {
  contactId: string;
  arrivedAt: string;
  waitMs: number | null;
  ringMs: number | null;
  talkMs: number | null;
  outcome: CallOutcome | null;
  abandonedStage: AbandonedStage | null;
  endedBy: CallEndedBy | null;
  greetingDone: boolean;
}

/** Telephony is switched on here (the edge may still be starting or down: the server then says so). */
export const telephonyOn = (status: VoiceStatus | undefined): boolean =>
  status !== undefined && (status.configured || status.reason !== 'not_configured');

/** Not a call (or telephony off): nothing to show, not an error. */
const notACall = (err: unknown) => isApiError(err, 'voice.call_not_found') || isApiError(err, 'voice.disabled');

export const callFactsKey = (callId: string) => ['voice', 'call', callId] as const;

/** A call's facts; `null` when the contact is not a call. */
export const useCallFacts = (callId: string, enabled: boolean) =>
  useQuery({
    queryKey: callFactsKey(callId),
    queryFn: () =>
      api.get<CallFacts>(`/api/voice/calls/${callId}`).catch((err: unknown) => {
        if (notACall(err)) return null;
        throw err;
      }),
    enabled,
    // A call in progress gets its end (and talk time) later: look again while it lasts.
    refetchInterval: (query) => (query.state.data && query.state.data.endedBy === null ? 10_000 : false),
  });

/** A supervisor ends a stuck call; `ended: false` when it had already ended. */
export const useEndCall = (serviceId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (callId: string) => api.post<{ ended: boolean }>(`/api/voice/calls/${callId}/end`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: boardKey(serviceId) }),
  });
};

export const voiceNumbersKey = (serviceId: string) => ['voice', 'numbers', serviceId] as const;

export const useVoiceNumbers = (serviceId: string | undefined) =>
  useQuery({
    queryKey: voiceNumbersKey(serviceId ?? ''),
    queryFn: () => api.get<{ numbers: string[] }>(`/api/services/${serviceId}/voice-numbers`).then((r) => r.numbers),
    enabled: serviceId !== undefined,
  });

export const useSetVoiceNumbers = (serviceId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (numbers: string[]) =>
      api.put<{ numbers: string[] }>(`/api/services/${serviceId}/voice-numbers`, { numbers }).then((r) => r.numbers),
    onSuccess: (numbers) => queryClient.setQueryData(voiceNumbersKey(serviceId), numbers),
  });
};
