// English strings of referrals to the directory (see referrals.ru.ts).
import type { referralsRu } from './referrals.ru';

export const referralsEn: { readonly [K in keyof typeof referralsRu]: string } = {
  'referrals.title': 'Referrals',
  'referrals.hint': 'Services from the directory the caller was referred to. Their name and phone are kept as they were at the time.',
  'referrals.none': 'No referrals.',
  'referrals.listLabel': 'Referrals in the record',
  'referrals.find': 'Find a service in the directory',
  'referrals.dialogTitle': 'Refer to a service',
  'referrals.attach': 'Refer',
  'referrals.attached': 'Referral added: {name}',
  'referrals.remove': 'Remove',
  'referrals.removeLabel': 'Remove referral: {name}',
  'referrals.removed': 'Referral removed: {name}',
  'referrals.noPhone': 'no phone given',
  'referrals.referralOther': 'Referred elsewhere (if the service is not in the directory)',

  'chatCard.open': 'Send a service card',
  'chatCard.dialogTitle': 'Service card to the chat',
  'chatCard.send': 'Send',
  'chatCard.sent': 'Card sent: {name}',
};
