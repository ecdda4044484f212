// «Маршрутизация» in the service form: offer and wrap-up times, chat capacity, widening to partner
// services and the national backup, care plans, the longest wait and the pause after a decline.
import { Checkbox, Fieldset, MultiSelect, NumberInput, SimpleGrid, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { serviceLabel } from '../../components/roleLabel';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/ru';
import { LIMITS, type NumberSetting, type Values } from './serviceFormValues';
import { useServices } from './servicesApi';

export function RoutingSettingsFields({ form, serviceId }: { form: UseFormReturnType<Values>; serviceId: string | undefined }) {
  const t = useT();
  const services = useServices();
  const partners = (services.data ?? []).filter((s) => s.id !== serviceId).map((s) => ({ value: s.id, label: serviceLabel(s) }));

  const number = (name: NumberSetting, label: MessageKey, description?: MessageKey) => (
    <NumberInput
      label={t(label)}
      description={description ? t(description) : undefined}
      min={LIMITS[name].min}
      max={LIMITS[name].max}
      allowDecimal={false}
      allowNegative={false}
      required={name !== 'nationalBackupAfterSeconds'}
      {...form.getInputProps(`settings.${name}`)}
    />
  );

  return (
    <Fieldset legend={t('services.settings')}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {number('offerTimeoutSeconds', 'services.offerTimeout')}
          {number('wrapUpSeconds', 'services.wrapUp')}
          {number('chatCapacity', 'services.chatCapacity')}
        </SimpleGrid>
        <Checkbox label={t('services.voiceBlocksText')} {...form.getInputProps('settings.voiceBlocksText', { type: 'checkbox' })} />
        <MultiSelect
          label={t('services.partners')}
          description={t('services.partnersHint')}
          data={partners}
          searchable
          clearable
          maxValues={20}
          nothingFoundMessage={t('services.noPartners')}
          {...form.getInputProps('settings.partnerServiceIds')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {number('partnerAfterSeconds', 'services.partnerAfter')}
          {number('nationalBackupAfterSeconds', 'services.nationalAfter', 'services.nationalAfterHint')}
        </SimpleGrid>
        <Checkbox label={t('services.nationalBackup')} {...form.getInputProps('settings.nationalBackup', { type: 'checkbox' })} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {number('carePlanSeconds', 'services.carePlan')}
          {number('maxWaitSeconds', 'services.maxWait')}
          {number('declineCooldownSeconds', 'services.declineCooldown')}
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}
