// Attention for a new offer wherever the counsellor is in the app: the tone, a desktop
// notification (when allowed and the window is not in view) and, outside the workstation, an
// in-app notification leading there. The workstation itself shows the offer card.
import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLiveEvent } from '../auth/liveEvents';
import { useT } from '../i18n/I18nProvider';
import { channelKey, riskKey } from './labels';
import { notifyOffer, playOfferTone, unlockSound } from './offerAlert';
import { serverClockNow } from './time';
import type { OfferView } from './types';

export const WORKSTATION_PATH = '/workstation';
const notificationId = (offerId: string) => `offer-${offerId}`;

export function OfferAlerts() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  // Browsers start sound only after a gesture: the first click or key press anywhere unlocks it.
  useEffect(() => {
    const unlock = () => unlockSound();
    window.addEventListener('pointerdown', unlock, { passive: true });
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);

  useLiveEvent((event) => {
    if (event.name === 'routing.offer_closed') {
      notifications.hide(notificationId(String(event.data.offerId)));
      return;
    }
    if (event.name !== 'routing.offer') return;
    const offer = event.data as unknown as OfferView;
    const summary = t('routing.summary', { channel: t(channelKey(offer.contact.channel)), risk: t(riskKey(offer.contact.risk)) });
    playOfferTone();
    notifyOffer(t('ws.offerTitle'), summary, () => void navigate(WORKSTATION_PATH));
    if (pathname !== WORKSTATION_PATH) {
      notifications.show({
        id: notificationId(offer.id),
        color: 'orange',
        title: `${t('ws.offerTitle')}: ${summary}`,
        message: (
          <Anchor component={Link} to={WORKSTATION_PATH} onClick={() => notifications.hide(notificationId(offer.id))}>
            {t('ws.openWorkstation')}
          </Anchor>
        ),
        autoClose: Math.max(1000, Date.parse(offer.deadline) - serverClockNow()),
      });
    }
  });

  return null;
}
