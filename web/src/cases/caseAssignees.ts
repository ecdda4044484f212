// Whom a case can be given to: the service's active staff who take contacts, as the server lists them
// for those who may reassign the case (GET /api/cases/:caseId/assignees; supervisors and the head).
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export interface Assignee {
  id: string;
  pseudonym: string;
}

export function useCaseAssignees(caseId: string) {
  const q = useQuery({
    queryKey: ['cases', 'assignees', caseId],
    queryFn: () => api.get<{ items: Assignee[] }>(`/api/cases/${encodeURIComponent(caseId)}/assignees`).then((r) => r.items),
  });
  return { items: q.data ?? [], pending: q.isPending, error: q.error };
}
