// What the staff need to know about a chat at a glance: the child's answers before the chat (who,
// age, gender, region), how long it waited, the risk from the record, online or not, typing.
import { Badge, Group, Text } from '@mantine/core';
import { formatDuration } from '../i18n/format';
import { useT } from '../i18n/I18nProvider';
import { RISK_COLOUR, riskKey } from '../routing/labels';
import { RISKS, type Risk } from '../routing/types';
import type { ChatInfo } from './types';

const asRisk = (risk: string): Risk => ((RISKS as readonly string[]).includes(risk) ? (risk as Risk) : 'unknown');

export function PreChatAnswers({ chat }: { chat: ChatInfo }) {
  const t = useT();
  const p = chat.preChat;
  const facts = [
    p.who ? t('chat.about.who', { value: t(`chat.who.${p.who}`) }) : null,
    p.age !== undefined ? t('chat.about.age', { value: p.age }) : null,
    p.gender ? t('chat.about.gender', { value: t(`chat.gender.${p.gender}`) }) : null,
    p.region ? t('chat.about.region', { value: p.region }) : null,
  ].filter((f): f is string => f !== null);
  return (
    <Text size="sm" data-testid="chat-prechat">
      {t('chat.about')}: {facts.length > 0 ? facts.join(' · ') : t('chat.about.none')}
    </Text>
  );
}

export function ChatFacts({ chat, childTyping }: { chat: ChatInfo; childTyping: boolean }) {
  const t = useT();
  const risk = asRisk(chat.risk);
  return (
    <>
      <Group gap="xs">
        <Badge variant="light" color={RISK_COLOUR[risk]}>
          {t('routing.riskOf', { risk: t(riskKey(risk)) })}
        </Badge>
        {chat.state !== 'ended' && (
          <Badge variant="light" color={chat.childOnline ? 'teal' : 'gray'} data-testid="chat-online">
            {chat.childOnline ? t('chat.online') : t('chat.offline')}
          </Badge>
        )}
        {chat.state === 'ended' && (
          <Badge variant="light" color="gray">
            {t(chat.endedBy ? `chat.endedBy.${chat.endedBy}` : 'chat.ended')}
          </Badge>
        )}
      </Group>
      <PreChatAnswers chat={chat} />
      {chat.waitedSeconds !== null && <Text size="sm">{t('ws.waited', { time: formatDuration(chat.waitedSeconds) })}</Text>}
      <Text size="sm" aria-live="polite" data-testid="chat-typing" style={{ minHeight: '1.4em' }}>
        {childTyping ? t('chat.childTyping') : ''}
      </Text>
    </>
  );
}
