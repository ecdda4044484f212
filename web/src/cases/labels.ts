// Message keys for the vocabulary of cases and signals, and the colours of their statuses.
import type { MessageKey } from '../i18n/ru';
import type {
  AgencyType,
  CaseStatus,
  CloseReason,
  ConsentBy,
  ConsentPurpose,
  DutyReason,
  OverdueKind,
  PersonalField,
  SendStatus,
  SignalChannel,
  SignalOutcome,
  SignalReason,
  SignalStatus,
  Urgency,
} from './types';

export const caseStatusKey = (v: CaseStatus): MessageKey => `case.status.${v}`;
export const consentByKey = (v: ConsentBy): MessageKey => `case.consentBy.${v}`;
export const purposeKey = (v: ConsentPurpose): MessageKey => `case.purpose.${v}`;
export const dutyKey = (v: DutyReason): MessageKey => `case.duty.${v}`;
export const closeReasonKey = (v: CloseReason): MessageKey => `case.closeReason.${v}`;
export const fieldKey = (v: PersonalField): MessageKey => `case.field.${v}`;

export const signalStatusKey = (v: SignalStatus): MessageKey => `signal.status.${v}`;
export const urgencyKey = (v: Urgency): MessageKey => `signal.urgency.${v}`;
export const signalReasonKey = (v: SignalReason): MessageKey => `signal.reason.${v}`;
export const outcomeKey = (v: SignalOutcome): MessageKey => `signal.outcome.${v}`;
export const agencyTypeKey = (v: AgencyType): MessageKey => `signal.agencyType.${v}`;
export const channelKey = (v: SignalChannel): MessageKey => `signal.channel.${v}`;
export const overdueKey = (v: OverdueKind): MessageKey => `signal.overdue.${v}`;
export const sendStatusKey = (v: SendStatus): MessageKey => `signal.sendStatus.${v}`;

export const CASE_STATUS_COLOUR: Record<CaseStatus, string> = { open: 'blue', in_work: 'indigo', closed: 'gray' };
export const SIGNAL_STATUS_COLOUR: Record<SignalStatus, string> = {
  drafted: 'gray',
  approved: 'blue',
  sent: 'indigo',
  acknowledged: 'teal',
  outcome_received: 'green',
  closed: 'dark',
};
