// On a contact record: the case opened from it (a link), or «Открыть случай» when the child or caller
// wishes to be helped in person or the law obliges the service to act.
import { Anchor, Button, Card, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCases } from '../../cases/casesApi';
import { useT } from '../../i18n/I18nProvider';
import { casePath, OpenCaseModal } from './OpenCaseModal';

export function RecordCaseBlock({ recordId, serviceId }: { recordId: string; serviceId: string }) {
  const t = useT();
  const [opened, setOpened] = useState(false);
  const cases = useCases(serviceId);
  const existing = cases.data?.find((c) => c.recordId === recordId);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="record-case">
      <Group justify="space-between" align="center">
        <div>
          <Title order={2} size="h4" id="record-case">
            {t('case.title')}
          </Title>
          <Text size="sm" className="muted">
            {existing ? t('case.openedFromRecord') : t('case.openHint')}
          </Text>
        </div>
        {existing ? (
          <Anchor component={Link} to={casePath(existing.id)}>
            {t('case.goTo')}
          </Anchor>
        ) : (
          <Button variant="light" onClick={() => setOpened(true)} disabled={cases.isPending}>
            {t('case.open')}
          </Button>
        )}
      </Group>
      <OpenCaseModal opened={opened} recordId={recordId} onClose={() => setOpened(false)} />
    </Card>
  );
}
