// A desk phone's long-lived SIP credentials as the workstation asks about them: whether one is issued
// (GET), a new one — the password comes back this once and is kept only in the component showing it —
// (POST) and revoking it (DELETE), for the signed-in counsellor's own phone.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';

export interface DeskPhoneStatus {
  issued: boolean;
  issuedAt: string | null;
  server: string;
  realm: string;
  username: string;
}

export interface DeskPhoneCredentials extends DeskPhoneStatus {
  password: string;
}

const deskPhoneKey = (staffId: string) => ['voice', 'desk-phone', staffId] as const;
const url = (staffId: string) => `/api/voice/desk-phones/${staffId}`;

export const useDeskPhone = (staffId: string) =>
  useQuery({ queryKey: deskPhoneKey(staffId), queryFn: () => api.get<DeskPhoneStatus>(url(staffId)) });

export const useIssueDeskPhone = (staffId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<DeskPhoneCredentials>(url(staffId)),
    // The cache gets the status only: the password never outlives the dialog that shows it.
    onSuccess: ({ password: _password, ...status }) => queryClient.setQueryData(deskPhoneKey(staffId), status),
  });
};

export const useRevokeDeskPhone = (staffId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<{ revoked: boolean }>(url(staffId)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: deskPhoneKey(staffId) }),
  });
};
