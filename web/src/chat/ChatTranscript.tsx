// The transcript: every message as plain text (React text nodes, never HTML; links are not made
// clickable), who wrote it and when, the read marks of staff messages (✓ sent, ✓✓ read by the
// child) and the messages still on their way. A log region, scrollable and focusable by keyboard.
import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useFormatTime } from '../i18n/format';
import { useT } from '../i18n/I18nProvider';
import type { ChatMessage } from './types';
import type { Outgoing } from './useOutbox';

interface Props {
  chatId: string;
  messages: ChatMessage[];
  childReadSeq: number;
  outgoing?: Outgoing[];
  onRetry?: (clientId: string) => void;
  transcriptDeleted?: boolean;
}

export function ChatTranscript({ chatId, messages, childReadSeq, outgoing = [], onRetry, transcriptDeleted }: Props) {
  const t = useT();
  const time = useFormatTime();
  const box = useRef<HTMLDivElement>(null);
  const count = messages.length + outgoing.length;

  // Keep the newest message in view.
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count]);

  const author = (m: ChatMessage) =>
    m.from === 'child' ? t('chat.from.child') : m.from === 'system' ? t('chat.from.system') : (m.pseudonym ?? t('chat.from.staff'));

  return (
    <Box
      ref={box}
      role="log"
      aria-live="polite"
      aria-label={t('chat.transcript')}
      tabIndex={0}
      className="chat-log"
      data-testid={`chat-log-${chatId}`}
      style={{
        maxHeight: 360,
        minHeight: 120,
        overflowY: 'auto',
        border: '1px solid var(--mantine-color-gray-4)',
        borderRadius: 'var(--mantine-radius-md)',
        padding: 'var(--mantine-spacing-sm)',
        background: 'var(--mantine-color-gray-0)',
      }}
    >
      {count === 0 && <Text size="sm">{transcriptDeleted ? t('chat.transcriptDeleted') : t('chat.noMessages')}</Text>}
      <Stack gap="xs">
        {messages.map((m) => (
          <Box
            key={m.seq}
            data-testid="chat-message"
            data-from={m.from}
            style={{
              alignSelf: m.from === 'child' ? 'flex-start' : 'flex-end',
              maxWidth: '85%',
              background: m.from === 'child' ? 'var(--mantine-color-white)' : 'var(--mantine-color-indigo-0)',
              border: '1px solid var(--mantine-color-gray-3)',
              borderRadius: 'var(--mantine-radius-md)',
              padding: '6px 10px',
            }}
          >
            <Text size="xs" fw={600}>
              {author(m)} · {time(m.at)}
              {m.from === 'counsellor' && (
                <span aria-label={m.seq <= childReadSeq ? t('chat.readByChild') : t('chat.sent')} role="img">
                  {' '}
                  {m.seq <= childReadSeq ? '✓✓' : '✓'}
                </span>
              )}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {m.text}
            </Text>
          </Box>
        ))}
        {outgoing.map((o) => (
          <Box
            key={o.clientId}
            data-testid="chat-outgoing"
            style={{
              alignSelf: 'flex-end',
              maxWidth: '85%',
              border: '1px dashed var(--mantine-color-gray-5)',
              borderRadius: 'var(--mantine-radius-md)',
              padding: '6px 10px',
            }}
          >
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {o.text}
            </Text>
            <Group gap="xs" justify="flex-end">
              <Text size="xs" className="muted">
                {o.status === 'sending' ? t('chat.sending') : t('chat.notSent')}
              </Text>
              {o.status === 'failed' && onRetry && (
                <Button size="compact-xs" variant="subtle" onClick={() => onRetry(o.clientId)}>
                  {t('chat.retry')}
                </Button>
              )}
            </Group>
          </Box>
        ))}
      </Stack>
    </Box>
  );
}
