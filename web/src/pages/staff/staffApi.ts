// Staff accounts through react-query: the (filtered) list, every change an admin or head makes, and
// a counsellor's routing profile (languages and skills).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { Grant, Staff, StaffWithPassword } from '../../types';

export const STAFF_KEY = ['staff'] as const;

export interface NewStaffInput {
  login: string;
  pseudonym: string;
  fullName: string;
  password?: string;
  grants: Grant[];
}

export interface StaffPatch {
  version: number;
  pseudonym?: string;
  fullName?: string;
  grants?: Grant[];
}

export const useStaffList = (serviceId: string | null) =>
  useQuery({
    queryKey: [...STAFF_KEY, serviceId ?? 'all'],
    queryFn: () =>
      api.get<{ items: Staff[] }>(serviceId ? `/api/staff?serviceId=${encodeURIComponent(serviceId)}` : '/api/staff').then((r) => r.items),
    placeholderData: (previous) => previous,
  });

function useStaffMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  // Refetch after failures too: a version conflict means the list on screen is out of date.
  return useMutation({ mutationFn: fn, onSettled: () => void queryClient.invalidateQueries({ queryKey: STAFF_KEY }) });
}

export const useCreateStaff = () => useStaffMutation((input: NewStaffInput) => api.post<StaffWithPassword>('/api/staff', input));

export const useUpdateStaff = () =>
  useStaffMutation(({ id, ...patch }: StaffPatch & { id: string }) => api.patch<Staff>(`/api/staff/${id}`, patch));

export type AccountAction = 'disable' | 'enable' | 'reset-password';

/** Disable, enable or reset the password; reset answers with the new temporary password. */
export const useAccountAction = () =>
  useStaffMutation(({ id, action }: { id: string; action: AccountAction }) =>
    action === 'reset-password'
      ? api.post<StaffWithPassword>(`/api/staff/${id}/reset-password`, {})
      : api.post<Staff>(`/api/staff/${id}/${action}`, {}).then((staff): StaffWithPassword => ({ staff })),
  );

/** The languages a counsellor counsels in and their skills, which the routing engine matches contacts on. */
export interface RoutingProfile {
  languages: string[];
  skills: string[];
}

const profileKey = (userId: string) => ['staff-routing-profile', userId] as const;

export const useRoutingProfile = (userId: string, enabled: boolean) =>
  useQuery({
    queryKey: profileKey(userId),
    queryFn: () => api.get<RoutingProfile>(`/api/staff/${userId}/routing-profile`),
    enabled,
  });

export const useSaveRoutingProfile = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...profile }: RoutingProfile & { userId: string }) =>
      api.put<RoutingProfile>(`/api/staff/${userId}/routing-profile`, profile),
    onSuccess: (profile, { userId }) => queryClient.setQueryData(profileKey(userId), profile),
  });
};
