// «Рабочее место»: a counsellor's status, offers with their countdown, the contacts in hand with
// their timers, transfers and offline contacts. Live: routing events on the user's topic refetch
// the workstation (see useLiveUpdates), so an offer appears the moment the engine makes it. The phone
// panel shows the softphone (registered here while telephony is configured) or why there is none.
import { Stack } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../auth/SessionContext';
import { LoadFailed, Loading } from '../../components/LoadState';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';
import { channelKey, riskKey } from '../../routing/labels';
import { useWorkstation } from '../../routing/routingApi';
import type { Workstation } from '../../routing/types';
import { SoftphonePanel } from '../../voice/SoftphonePanel';
import { useSoftphoneRunner } from '../../voice/useSoftphone';
import { useVoiceStatus } from '../../voice/voiceApi';
import { ContactsSection } from './ContactsSection';
import { OfferCard } from './OfferCard';
import { PresencePanel } from './PresencePanel';

const busy = (w: Workstation) => w.presence !== 'offline' || w.contacts.length > 0 || w.offers.length > 0;

export function WorkstationPage() {
  const t = useT();
  const me = useSession();
  const workstation = useWorkstation();
  const voice = useVoiceStatus();
  useSoftphoneRunner(voice.data);
  const [chosen, setChosen] = useState<string | null>(null);
  const services = me.services.filter((s) => me.permissions.dutyServiceIds.includes(s.id));
  const w = workstation.data;
  const locked = w !== undefined && busy(w) && w.serviceId !== null;
  const serviceId = (locked ? w.serviceId : (chosen ?? w?.serviceId)) ?? services[0]?.id ?? null;
  const first = w?.offers[0];

  return (
    <>
      <PageTitle>{t('ws.title')}</PageTitle>
      {/* Announced once per offer; focus also moves to its "accept" button. */}
      <div aria-live="assertive" className="visually-hidden">
        {first &&
          t('ws.offerAnnounce', {
            summary: t('routing.summary', { channel: t(channelKey(first.contact.channel)), risk: t(riskKey(first.contact.risk)) }),
          })}
      </div>
      {workstation.isPending && <Loading />}
      {workstation.isError && !w && <LoadFailed error={workstation.error} onRetry={() => void workstation.refetch()} />}
      {w && serviceId && (
        <Stack gap="lg">
          <PresencePanel workstation={w} services={services} serviceId={serviceId} serviceLocked={locked} onServiceChange={setChosen} />
          {voice.data && <SoftphonePanel status={voice.data} />}
          {w.offers.map((offer) => (
            <OfferCard key={offer.id} offer={offer} />
          ))}
          <ContactsSection contacts={w.contacts} serviceId={serviceId} />
        </Stack>
      )}
    </>
  );
}
