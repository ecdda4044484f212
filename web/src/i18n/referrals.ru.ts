// Russian strings of referrals to the directory: the record form's «Направления» block and the chat
// panel's service card. Merged into ru.ts; every key must exist in referrals.en.ts.
export const referralsRu = {
  'referrals.title': 'Направления',
  'referrals.hint': 'Службы из справочника, куда направлен абонент. Название и телефон сохраняются такими, какими были при направлении.',
  'referrals.none': 'Направлений нет.',
  'referrals.listLabel': 'Направления в записи',
  'referrals.find': 'Найти службу в справочнике',
  'referrals.dialogTitle': 'Направить в службу',
  'referrals.attach': 'Направить',
  'referrals.attached': 'Направление добавлено: {name}',
  'referrals.remove': 'Убрать',
  'referrals.removeLabel': 'Убрать направление: {name}',
  'referrals.removed': 'Направление убрано: {name}',
  'referrals.noPhone': 'телефон не указан',
  'referrals.referralOther': 'Куда ещё перенаправлен (если службы нет в справочнике)',

  'chatCard.open': 'Отправить карточку службы',
  'chatCard.dialogTitle': 'Карточка службы в чат',
  'chatCard.send': 'Отправить',
  'chatCard.sent': 'Карточка отправлена: {name}',
} as const;
