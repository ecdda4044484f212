// Keeps cached data fresh from the realtime socket: another admin's change to staff or services
// refetches the lists on screen; routing events for this user refetch the workstation; an ended
// session returns to the login page. Pages hear the same events through the returned LiveEvents.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { connectRealtime, type RealtimeEvent } from '../realtime';
import { WORKSTATION_KEY } from '../routing/routingApi';
import type { Me } from '../types';
import { LiveEvents } from './liveEvents';
import { forgetSession, ME_KEY } from './session';

export function useLiveUpdates(me: Me): LiveEvents {
  const queryClient = useQueryClient();
  const [live] = useState(() => new LiveEvents());
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
      } else if (event.name.startsWith('routing.') && event.topic === `user:${me.user.id}`) {
        // An offer, its end, a contact or presence change of this counsellor: re-read the workstation.
        void queryClient.invalidateQueries({ queryKey: WORKSTATION_KEY });
      }
      live.emit(event);
    };
    const connection = connectRealtime({
      topics: [...(topicsKey ? topicsKey.split(' ') : []), ...live.heldTopics()],
      onEvent,
      onReconnect: () => void queryClient.invalidateQueries(),
      // This user's routing events flow from the socket's opening: a workstation read before it is read again
      // (an offer or a contact that came in between would otherwise wait for the next event).
      onFirstOpen: () => void queryClient.invalidateQueries({ queryKey: WORKSTATION_KEY }),
      onSessionEnded: () => forgetSession(queryClient),
    });
    live.attach(connection);
    return () => {
      live.attach(null);
      connection.close();
    };
  }, [enabled, topicsKey, queryClient, me.user.id, live]);

  return live;
}
