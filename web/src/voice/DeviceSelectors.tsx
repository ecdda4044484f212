// The microphone and speaker for calls (native selects: keyboard and screen readers as usual). Device
// names appear once the browser may use the microphone; until then a button asks for it.
import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';
import type { AudioDevice, AudioDevices, DeviceState } from './audioDevices';

export function DeviceSelectors({ devices, state }: { devices: AudioDevices; state: DeviceState }) {
  const t = useT();
  const options = (list: AudioDevice[], unnamed: 'voice.unnamedMicrophone' | 'voice.unnamedSpeaker', chosen: string) => {
    const data = [{ value: '', label: t('voice.defaultDevice') }].concat(
      list.map((d, i) => ({ value: d.id, label: d.label || t(unnamed, { n: i + 1 }) })),
    );
    // A remembered device that is not plugged in now stays selectable rather than silently replaced.
    return chosen && !list.some((d) => d.id === chosen) ? data.concat({ value: chosen, label: t(unnamed, { n: list.length + 1 }) }) : data;
  };

  return (
    <Stack gap="xs">
      <Group gap="md" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('voice.microphone')}
          miw={240}
          value={state.inputId}
          onChange={(e) => devices.chooseInput(e.currentTarget.value)}
          data={options(state.inputs, 'voice.unnamedMicrophone', state.inputId)}
        />
        {state.canChooseOutput ? (
          <NativeSelect
            label={t('voice.speaker')}
            miw={240}
            value={state.outputId}
            onChange={(e) => devices.chooseOutput(e.currentTarget.value)}
            data={options(state.outputs, 'voice.unnamedSpeaker', state.outputId)}
          />
        ) : (
          <Text size="sm">{t('voice.speakerUnsupported')}</Text>
        )}
      </Group>
      {!state.named && (
        <Group gap="sm">
          <Button variant="subtle" onClick={() => void devices.askForNames()}>
            {t('voice.showDevices')}
          </Button>
          <Text size="sm" className="muted">
            {t('voice.showDevicesHint')}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
