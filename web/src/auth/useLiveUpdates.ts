// Keeps cached data fresh from the realtime socket: another admin's change to staff or services
// refetches the lists on screen; an ended session returns to the login page.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { connectRealtime, type RealtimeEvent } from '../realtime';
import type { Me } from '../types';
import { forgetSession, ME_KEY } from './session';

export function useLiveUpdates(me: Me): void {
  const queryClient = useQueryClient();
  const enabled = !me.user.mustChangePassword;
  const topics = me.permissions.allServices ? ['admin'] : me.services.map((s) => `service:${s.id}`);
  const topicsKey = topics.join(' ');

  useEffect(() => {
    if (!enabled) return;
    const onEvent = (event: RealtimeEvent) => {
      if (event.name === 'staff.updated') {
        void queryClient.invalidateQueries({ queryKey: ['staff'] });
        if (event.data.id === me.user.id) void queryClient.invalidateQueries({ queryKey: ME_KEY });
      } else if (event.name === 'service.updated' || event.name === 'service.created') {
        void queryClient.invalidateQueries({ queryKey: ['services'] });
        void queryClient.invalidateQueries({ queryKey: ME_KEY });
      } else if (event.name === 'session.revoked') {
        // Maybe another of this user's sessions; /me tells whether this one survived.
        void queryClient.invalidateQueries({ queryKey: ME_KEY });
      }
    };
    return connectRealtime({
      topics: topicsKey ? topicsKey.split(' ') : [],
      onEvent,
      onReconnect: () => void queryClient.invalidateQueries(),
      onSessionEnded: () => forgetSession(queryClient),
    });
  }, [enabled, topicsKey, queryClient, me.user.id]);
}
