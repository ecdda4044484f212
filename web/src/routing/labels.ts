// Message keys for routing vocabulary (risk, channel, presence, contact state).
import type { MessageKey } from '../i18n/ru';
import type { Channel, ContactState, Risk, ShownPresence } from './types';

export const riskKey = (risk: Risk): MessageKey => `routing.risk.${risk}`;
export const channelKey = (channel: Channel): MessageKey => `routing.channel.${channel}`;
export const presenceKey = (shown: ShownPresence): MessageKey => `routing.presence.${shown}`;
export const stateKey = (state: ContactState): MessageKey => `routing.state.${state}`;

/** Badge colours: the higher the risk, the warmer. */
export const RISK_COLOUR: Record<Risk, string> = { unknown: 'gray', low: 'teal', moderate: 'yellow', high: 'orange', imminent: 'red' };

export const PRESENCE_COLOUR: Record<ShownPresence, string> = {
  available: 'teal',
  busy: 'indigo',
  wrapup: 'blue',
  break: 'yellow',
  offline: 'gray',
  not_responding: 'red',
};
