// «Рубрикатор»: the taxonomy as a nested list. A head adds top-level terms and sub-terms to their
// service's taxonomy, renames and deletes its own terms (the server refuses to delete a term in
// use); national terms are the admin's and shown here as they are.
import { Badge, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, type ReactNode } from 'react';
import { useSession } from '../../auth/SessionContext';
import { ConfirmModal } from '../../components/ConfirmModal';
import { LoadFailed, Loading } from '../../components/LoadState';
import { serviceLabel } from '../../components/roleLabel';
import { useDialog } from '../../components/useDialog';
import { canEditTerm } from '../../directory/access';
import { useCreateTerm, useDeleteTerm, useRenameTerm, useTerms } from '../../directory/directoryApi';
import { termTree, type TermNode } from '../../directory/termTree';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { ServiceSummary } from '../../types';
import { TermNameModal } from './TermNameModal';

type Dialog = { kind: 'add'; parent: TermNode | null } | { kind: 'rename'; term: TermNode } | { kind: 'delete'; term: TermNode };

export function TermsPanel({ services }: { services: ServiceSummary[] }) {
  const t = useT();
  const [locale] = useLocale();
  const me = useSession();
  const terms = useTerms();
  const [tenantId, setTenantId] = useState(services[0]?.id ?? '');
  const dialog = useDialog<Dialog>();
  const current = dialog.value;
  const create = useCreateTerm();
  const rename = useRenameTerm();
  const remove = useDeleteTerm();
  const tree = useMemo(() => termTree(terms.data ?? [], locale), [terms.data, locale]);
  const names = useMemo(() => new Map(services.map((s) => [s.id, serviceLabel(s)])), [services]);

  const open = (d: Dialog) => {
    create.reset();
    rename.reset();
    remove.reset();
    dialog.open(d);
  };
  const done = (message: string) => () => {
    notifications.show({ color: 'teal', message });
    dialog.close();
  };

  const item = (node: TermNode): ReactNode => {
    const editable = canEditTerm(me, node.tenantId);
    const children = tree.filter((n) => n.parentId === node.id && n.depth === node.depth + 1);
    return (
      <li key={node.id}>
        <Group gap="xs" py={4} wrap="wrap">
          <Text fw={node.depth === 0 ? 600 : 400}>{node.name}</Text>
          {node.tenantId === null ? (
            <Badge variant="light" color="gray" size="sm">
              {t('directory.terms.national')}
            </Badge>
          ) : (
            names.get(node.tenantId) &&
            services.length > 1 && (
              <Badge variant="light" color="blue" size="sm">
                {names.get(node.tenantId)}
              </Badge>
            )
          )}
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => open({ kind: 'add', parent: node })}
            aria-label={t('directory.terms.addChildOf', { name: node.name })}
          >
            {t('directory.terms.addChild')}
          </Button>
          {editable && (
            <>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => open({ kind: 'rename', term: node })}
                aria-label={t('directory.terms.renameOf', { name: node.name })}
              >
                {t('directory.terms.rename')}
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                onClick={() => open({ kind: 'delete', term: node })}
                aria-label={t('directory.terms.deleteOf', { name: node.name })}
              >
                {t('directory.terms.delete')}
              </Button>
            </>
          )}
        </Group>
        {children.length > 0 && <ul className="term-list">{children.map(item)}</ul>}
      </li>
    );
  };

  const nameDialog =
    current?.kind === 'add'
      ? {
          title: current.parent ? t('directory.terms.addChildTitle', { name: current.parent.name }) : t('directory.terms.addTitle'),
          initial: '',
          submit: t('common.create'),
          mutation: create,
          run: (name: string) =>
            create.mutate({ tenantId, name, parentId: current.parent?.id ?? null }, { onSuccess: done(t('directory.terms.created')) }),
        }
      : current?.kind === 'rename'
        ? {
            title: t('directory.terms.renameTitle'),
            initial: current.term.name,
            submit: t('common.save'),
            mutation: rename,
            run: (name: string) => rename.mutate({ id: current.term.id, name }, { onSuccess: done(t('common.saved')) }),
          }
        : null;

  return (
    <Stack gap="md">
      <Text size="sm">{t('directory.terms.intro')}</Text>
      <Group align="flex-end">
        {services.length > 1 && (
          <NativeSelect
            label={t('directory.terms.service')}
            data={services.map((s) => ({ value: s.id, label: serviceLabel(s) }))}
            value={tenantId}
            onChange={(e) => setTenantId(e.currentTarget.value)}
          />
        )}
        <Button variant="light" onClick={() => open({ kind: 'add', parent: null })}>
          {t('directory.terms.add')}
        </Button>
      </Group>
      {terms.isPending && <Loading />}
      {terms.isError && <LoadFailed error={terms.error} onRetry={() => void terms.refetch()} />}
      {terms.data && terms.data.length === 0 && <Text>{t('directory.terms.empty')}</Text>}
      {tree.length > 0 && (
        <ul className="term-list term-list-root" aria-label={t('directory.tab.terms')}>
          {tree.filter((n) => n.depth === 0).map(item)}
        </ul>
      )}
      <TermNameModal
        opened={nameDialog !== null && dialog.opened}
        title={nameDialog?.title ?? ''}
        initial={nameDialog?.initial ?? ''}
        submitLabel={nameDialog?.submit ?? ''}
        pending={nameDialog?.mutation.isPending ?? false}
        error={nameDialog?.mutation.error ?? null}
        onSubmit={(name) => nameDialog?.run(name)}
        onClose={dialog.close}
      />
      <ConfirmModal
        opened={dialog.is('delete')}
        title={t('directory.terms.deleteTitle')}
        text={current?.kind === 'delete' ? t('directory.terms.deleteText', { name: current.term.name }) : ''}
        confirmLabel={t('directory.terms.delete')}
        danger
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => current?.kind === 'delete' && remove.mutate(current.term.id, { onSuccess: done(t('directory.terms.deleted')) })}
        onClose={dialog.close}
      />
    </Stack>
  );
}
