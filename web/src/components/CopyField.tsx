// A read-only value with a copy button. Falls back to selecting the text where the Clipboard API
// is unavailable (plain-HTTP deployments), so the user can still press Ctrl+C.
import { Button, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { useT } from '../i18n/I18nProvider';

export function CopyField({ label, value }: { label: string; value: string }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      input.current?.focus();
      input.current?.select();
    }
  };

  return (
    <TextInput
      ref={input}
      label={label}
      value={value}
      readOnly
      data-autofocus
      onFocus={(e) => e.currentTarget.select()}
      classNames={{ input: 'secret' }}
      rightSectionWidth={130}
      rightSectionPointerEvents="all"
      rightSection={
        <Button
          size="compact-sm"
          variant={copied ? 'light' : 'filled'}
          color={copied ? 'teal' : undefined}
          onClick={copy}
          aria-live="polite"
        >
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      }
    />
  );
}
