// kamailio.cfg for the SIP edge, rendered from validated settings. The parts live in ./cfg/:
// core and modules, requests (dialogs, registration, HTTP), helpline calls, events.
import { callSection } from './cfg/calls.js';
import { coreSection } from './cfg/core.js';
import { eventSection } from './cfg/events.js';
import { requestSection } from './cfg/requests.js';
import { cfgValues } from './cfg/values.js';
import { parseEdgeSettings, type EdgeSettings, type EdgeSettingsInput } from './settings.js';

/** The whole kamailio.cfg. Validates the settings first (throws EdgeSettingsError), so nothing unchecked reaches the file. */
export function renderKamailioConfig(settings: EdgeSettingsInput | EdgeSettings): string {
  const v = cfgValues(parseEdgeSettings(settings));
  return [coreSection(v), requestSection(v), callSection(v), eventSection(v)].join('\n');
}
