// The addressees of a signal: the agency, its kind, how it was sent and what came of it (for e-mail,
// the SMTP server's answer), and the agency's incoming number and date once known — entered here.
import { Badge, Button, Card, Group, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { agencyTypeKey, channelKey, sendStatusKey } from '../../cases/labels';
import { useAcknowledge } from '../../cases/signalsApi';
import type { Addressee, SignalView } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';
import { useFormatDay } from '../cases/CaseTasksCard';

const SEND_COLOUR = { pending: 'gray', sending: 'blue', sent: 'teal', failed: 'red' } as const;

export function AddresseesTable({ signal }: { signal: SignalView }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const formatDay = useFormatDay();
  const acknowledge = useAcknowledge(signal.id);
  const open = signal.status === 'sent' || signal.status === 'acknowledged';
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="signal-addressees">
      <Title order={2} size="h4" id="signal-addressees" mb="sm">
        {t('signal.addressees')}
      </Title>
      <ErrorAlert error={acknowledge.error} />
      <Table.ScrollContainer minWidth={800}>
        <Table aria-labelledby="signal-addressees" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('signal.agency')}</Table.Th>
              <Table.Th scope="col">{t('signal.channel')}</Table.Th>
              <Table.Th scope="col">{t('signal.sending')}</Table.Th>
              <Table.Th scope="col">{t('signal.incoming')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {signal.addressees.map((a) => (
              <Table.Tr key={a.id} data-testid="addressee-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {a.name}
                  </Text>
                  <Text size="xs" className="muted">
                    {t(agencyTypeKey(a.agencyType))}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {t(channelKey(a.channel))}
                  <Text size="xs" className="muted">
                    {(a.channel === 'email' ? a.email : a.channel === 'fax' ? a.fax : a.phone) ?? ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={SEND_COLOUR[a.sendStatus]}>
                    {t(sendStatusKey(a.sendStatus))}
                  </Badge>
                  {a.sentAt && (
                    <Text size="xs" className="muted">
                      {formatDateTime(a.sentAt)}
                    </Text>
                  )}
                  {a.sendDetail && (
                    <Text size="xs" className="muted" data-testid="send-detail" style={{ wordBreak: 'break-word' }}>
                      {a.sendDetail === 'recorded by hand' ? t('signal.recordedByHand') : a.sendDetail}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {a.incomingNumber ? (
                    t('signal.incomingValue', { number: a.incomingNumber, day: a.incomingDate ? formatDay(a.incomingDate) : '' })
                  ) : open && a.sendStatus === 'sent' ? (
                    <AcknowledgeForm
                      addressee={a}
                      pending={acknowledge.isPending}
                      onSave={(v) => acknowledge.mutate({ addresseeId: a.id, ...v })}
                    />
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function AcknowledgeForm({
  addressee,
  pending,
  onSave,
}: {
  addressee: Addressee;
  pending: boolean;
  onSave: (v: { incomingNumber: string; incomingDate: string }) => void;
}) {
  const t = useT();
  const [number, setNumber] = useState('');
  const [day, setDay] = useState('');
  const [tried, setTried] = useState(false);
  return (
    <form
      noValidate
      aria-label={t('signal.incomingOf', { name: addressee.name })}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (number.trim() && day) onSave({ incomingNumber: number.trim(), incomingDate: day });
      }}
    >
      <Group gap="xs" align="flex-start" wrap="wrap">
        <TextInput
          size="xs"
          label={t('signal.incomingNumber')}
          maxLength={100}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          error={tried && !number.trim() ? t('common.required') : null}
          w={120}
        />
        <TextInput
          size="xs"
          type="date"
          label={t('signal.incomingDate')}
          value={day}
          onChange={(e) => setDay(e.currentTarget.value)}
          error={tried && !day ? t('common.required') : null}
        />
        <Button size="xs" type="submit" variant="light" loading={pending} mt={22}>
          {t('signal.incomingSave')}
        </Button>
      </Group>
    </form>
  );
}
