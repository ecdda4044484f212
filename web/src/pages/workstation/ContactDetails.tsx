// The facts of a contact that matter to whoever handles it: how it came, care plan, language, the
// note a colleague left when transferring it.
import { Text } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider';
import type { ContactView } from '../../routing/types';

export function ContactDetails({ contact }: { contact: ContactView }) {
  const t = useT();
  const facts = [
    contact.origin === 'offline' ? t('routing.origin.offline') : null,
    contact.origin === 'transfer' ? t('routing.origin.transfer') : null,
    contact.carePlan ? t('routing.carePlan') : null,
    contact.language ? t('routing.language', { language: contact.language }) : null,
  ].filter((f): f is string => f !== null);
  return (
    <>
      {facts.length > 0 && <Text size="sm">{facts.join(' · ')}</Text>}
      {contact.transferNote && (
        <Text size="sm" className="pre-line">
          {t('routing.transferNote', { note: contact.transferNote })}
        </Text>
      )}
    </>
  );
}
