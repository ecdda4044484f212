// «Телефон» on the workstation. Without telephony: a plain notice and why. With it: whether this
// browser's phone is registered, the switch to take calls here (or on a desk phone), the call with
// its controls, what went wrong last, the audio devices, the desk phone's credentials, and a live region that says «Входящий
// звонок» and «Звонок завершён».
import { Alert, Badge, Card, Fieldset, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/ru';
import { CallControls } from './CallControls';
import { DeskPhoneSection } from './DeskPhoneSection';
import { DeviceSelectors } from './DeviceSelectors';
import type { Registration } from './softphoneState';
import { setSoftphoneEnabled, useSoftphone, useSoftphoneEnabled } from './useSoftphone';
import type { VoiceStatus } from './voiceApi';

export const PHONE_TITLE_ID = 'ws-phone';

const registrationText = (r: Registration): MessageKey => (r.kind === 'failed' ? `voice.reg.failed.${r.reason}` : `voice.reg.${r.kind}`);
const REGISTRATION_COLOUR: Record<Registration['kind'], string> = { off: 'gray', connecting: 'yellow', registered: 'teal', failed: 'red' };

export function SoftphonePanel({ status }: { status: VoiceStatus }) {
  const t = useT();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={PHONE_TITLE_ID} data-testid="softphone">
      <Stack gap="md">
        {status.configured ? (
          <ConfiguredPhone />
        ) : (
          <>
            <Title order={2} size="h4" id={PHONE_TITLE_ID} tabIndex={-1} className="focus-target">
              {t('voice.title')}
            </Title>
            <Text fw={600}>{t('voice.off')}</Text>
            {status.reason && <Text size="sm">{t(`voice.offReason.${status.reason}`)}</Text>}
          </>
        )}
      </Stack>
    </Card>
  );
}

function ConfiguredPhone() {
  const t = useT();
  const enabled = useSoftphoneEnabled();
  const { phone, devices, state, deviceState } = useSoftphone();
  const { registration, call, notice, announcement } = state;

  return (
    <>
      <Group justify="space-between">
        <Title order={2} size="h4" id={PHONE_TITLE_ID} tabIndex={-1} className="focus-target">
          {t('voice.title')}
        </Title>
        <Badge size="lg" variant="light" color={REGISTRATION_COLOUR[registration.kind]} data-testid="softphone-registration">
          {t(registrationText(registration))}
        </Badge>
      </Group>
      {registration.kind === 'failed' && <Text size="sm">{t(`voice.failHint.${registration.reason}`)}</Text>}
      {/* Announced to screen readers; keyed so that a second call is announced again. */}
      <div aria-live="assertive" className="visually-hidden" data-testid="softphone-announcement">
        {announcement && <span key={announcement.seq}>{t(`voice.announce.${announcement.kind}`)}</span>}
      </div>
      {call && (
        <section aria-label={t('voice.call')}>
          <CallControls phone={phone} call={call} withAnswer />
        </section>
      )}
      {notice && (
        <Alert color="orange" variant="light" role="alert">
          {t(`voice.notice.${notice}`)}
        </Alert>
      )}
      <Switch
        checked={enabled}
        disabled={call !== null}
        onChange={(e) => setSoftphoneEnabled(e.currentTarget.checked)}
        label={t('voice.useBrowser')}
        description={t('voice.useBrowserHint')}
      />
      {enabled && (
        <Fieldset legend={t('voice.devices')} variant="unstyled">
          <DeviceSelectors devices={devices} state={deviceState} />
        </Fieldset>
      )}
      <DeskPhoneSection />
    </>
  );
}
