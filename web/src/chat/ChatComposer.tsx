// Writing in a chat: Enter sends, Shift+Enter starts a new line (the hint says so); a counter up to
// 2000 characters; the canned responses menu inserts a ready phrase; "typing" is told to the child
// at most every 3 s while typing. The server's refusal (e.g. too long) shows in Russian, the text stays.
import { Button, Group, Menu, Stack, Textarea } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import { ErrorAlert } from '../components/ErrorAlert';
import { useT } from '../i18n/I18nProvider';
import { sendTyping, useCannedResponses } from './chatApi';
import { MAX_MESSAGE_CHARS } from './types';

const TYPING_EVERY_MS = 3_000;

interface Props {
  chatId: string;
  serviceId: string;
  /** Resolves false when the server refused the message (the text is given back). */
  send: (text: string) => Promise<boolean>;
  error: unknown;
  label?: string;
}

export function ChatComposer({ chatId, serviceId, send, error, label }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const typingSent = useRef(0);
  const input = useRef<HTMLTextAreaElement>(null);
  const canned = useCannedResponses(serviceId);
  const length = [...text].length;
  const id = `composer-${chatId}`;

  const submit = () => {
    if (!text.trim()) return;
    const sent = text;
    setText('');
    void send(sent).then((ok) => {
      if (!ok) setText((now) => (now === '' ? sent : now));
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  const onChange = (value: string) => {
    setText(value);
    const now = Date.now();
    if (value && now - typingSent.current >= TYPING_EVERY_MS) {
      typingSent.current = now;
      void sendTyping(chatId);
    }
  };

  const insert = (body: string) => {
    const el = input.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + body + text.slice(end);
    setText(next);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + body.length, start + body.length);
    });
  };

  return (
    <Stack gap="xs">
      <Textarea
        ref={input}
        id={id}
        label={label ?? t('chat.message')}
        description={`${t('chat.sendHint')} ${t('chat.counter', { n: length, max: MAX_MESSAGE_CHARS })}`}
        autosize
        minRows={2}
        maxRows={8}
        value={text}
        onChange={(e) => onChange(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        error={length > MAX_MESSAGE_CHARS ? t('chat.tooLongHint', { max: MAX_MESSAGE_CHARS }) : undefined}
      />
      <Group gap="sm" justify="space-between">
        <Menu position="top-start" withinPortal>
          <Menu.Target>
            <Button variant="default" disabled={!canned.data || canned.data.length === 0}>
              {t('chat.canned')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown aria-label={t('chat.canned')}>
            {(canned.data ?? []).map((c) => (
              <Menu.Item key={c.id} onClick={() => insert(c.body)}>
                {c.title}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Button onClick={submit} disabled={!text.trim()}>
          {t('chat.send')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
    </Stack>
  );
}
