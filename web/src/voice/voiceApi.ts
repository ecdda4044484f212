// The phone line as the staff SPA asks about it: whether telephony works here (GET /api/voice/status)
// and short-lived SIP credentials for one's own softphone (POST /api/voice/credentials). Credentials are
// kept in memory only, by the softphone that asked for them; nothing here stores them anywhere.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export type VoiceOffReason = 'not_configured' | 'no_binaries' | 'edge_failed';

export interface VoiceStatus {
  configured: boolean;
  reason: VoiceOffReason | null;
}

export interface SipCredentials {
  wsUrl: string;
  realm: string;
  uri: string;
  sipUser: string;
  username: string;
  password: string;
  expiresAt: string;
  /** The lifetime when issued: renewals are timed from it, not from this computer's clock. */
  expiresInSeconds: number;
}

export const VOICE_STATUS_KEY = ['voice', 'status'] as const;

export const useVoiceStatus = () =>
  useQuery({
    queryKey: VOICE_STATUS_KEY,
    queryFn: () => api.get<VoiceStatus>('/api/voice/status'),
    // The edge may come up (or fail) after the page loaded: look again now and then.
    staleTime: 30_000,
    refetchInterval: 60_000,
  });

export const fetchSipCredentials = (): Promise<SipCredentials> => api.post<SipCredentials>('/api/voice/credentials');
