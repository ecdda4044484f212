// Server-side user-facing messages. Russian is the default language; English is available.
// Only messages the server itself sends to people live here (errors); the SPA has its own catalogue.
import type { ErrorCode } from '../errors.js';

export type Locale = 'ru' | 'en';

type Catalogue = Record<ErrorCode, string>;

const ru: Catalogue = {
  'request.invalid': 'Проверьте заполнение полей: некоторые значения недопустимы.',
  'request.malformed': 'Запрос повреждён и не может быть прочитан.',
  'request.too_large': 'Запрос слишком большой.',
  'request.unsupported_media_type': 'Неподдерживаемый формат запроса.',
  'route.not_found': 'Страница или объект не найдены.',
  'auth.unauthenticated': 'Войдите в систему, чтобы продолжить.',
  'auth.invalid_credentials': 'Неверный логин или пароль.',
  'auth.too_many_attempts': 'Слишком много неудачных попыток входа. Повторите через {seconds} с.',
  'auth.csrf_failed': 'Сеанс устарел. Обновите страницу и повторите действие.',
  'auth.forbidden': 'Недостаточно прав для этого действия.',
  'auth.password_change_required': 'Смените временный пароль, чтобы продолжить работу.',
  'auth.wrong_password': 'Текущий пароль указан неверно.',
  'password.too_weak': 'Пароль не соответствует требованиям: {problems}.',
  'service.not_found': 'Служба не найдена.',
  'service.name_taken': 'Служба с таким названием уже есть.',
  'staff.not_found': 'Сотрудник не найден.',
  'staff.login_taken': 'Этот логин уже занят.',
  'staff.cannot_change_self': 'Нельзя отключить себя или снять с себя роль администратора.',
  'staff.last_admin': 'Нельзя отключить последнего администратора.',
  'resource.version_conflict': 'Данные уже изменил кто-то другой. Обновите страницу и повторите.',
  'realtime.bad_message': 'Некорректное сообщение.',
  'realtime.upgrade_required': 'Этот адрес работает только по протоколу WebSocket.',
  'routing.contact_not_found': 'Обращение не найдено.',
  'routing.contact_closed': 'Обращение уже завершено.',
  'routing.contact_exists': 'Обращение с таким идентификатором уже есть.',
  'routing.offer_not_found': 'Предложение не найдено.',
  'routing.offer_closed': 'Предложение больше не действует: обращение ушло другому консультанту или время истекло.',
  'routing.invalid_state': 'Действие невозможно в текущем состоянии обращения.',
  'routing.counsellor_unavailable': 'Консультант сейчас не может принять обращение (не в сети или занят).',
  'routing.capacity_full': 'Нет свободных мест: завершите текущие обращения.',
  'routing.no_supervisor_on_duty': 'Сейчас нет свободного дежурного супервизора.',
  'routing.wrapup_limit': 'Постобработку нельзя продлить дольше 30 минут.',
  'routing.not_on_duty': 'Сначала выйдите на линию в этой службе.',
  'routing.command_id_reused': 'Этот идентификатор команды уже использован для другого действия.',
  'routing.ingress_disabled': 'Приём обращений от каналов не настроен.',
  'routing.no_caller_key': 'У этого обращения нет ключа абонента: план сопровождения создать нельзя.',
  'routing.care_plan_not_found': 'План сопровождения не найден.',
  'record.not_found': 'Запись об обращении не найдена.',
  'record.exists': 'Запись с таким идентификатором уже есть.',
  'record.incomplete': 'Запись нельзя завершить: {problems}.',
  'record.unknown_reason': 'Неизвестный код причины обращения.',
  'record.reasons_not_allowed': 'Причины указываются только для обращений по проблеме.',
  'record.correction_window_closed': 'Свою запись можно исправить в течение 24 часов; теперь это может сделать супервизор.',
  'record.not_editable': 'Эту запись сейчас изменить нельзя.',
  'classification.code_taken': 'Такой код подкатегории уже есть.',
  'classification.category_not_found': 'Категория не найдена.',
  'risk_alert.not_found': 'Оповещение о риске не найдено.',
  'report.period_invalid': 'Неверный период отчёта: начало должно быть не позже конца, не дольше 20 лет.',
  'report.export_not_found': 'Выгрузка не найдена.',
  'report.export_not_ready': 'Выгрузка ещё готовится.',
  'chat.not_found': 'Чат не найден.',
  'chat.exists': 'Чат с таким идентификатором уже есть.',
  'chat.ended': 'Этот чат уже завершён.',
  'chat.closed_now': 'Сейчас чат не работает. Позвоните по бесплатному круглосуточному номеру 8-800-2000-122.',
  'chat.unavailable': 'Эта служба сейчас не принимает чаты.',
  'chat.blocked': 'Начать чат с этого устройства сейчас нельзя. Если нужна помощь, позвоните 8-800-2000-122.',
  'chat.too_many_chats': 'Слишком много новых чатов за час. Попробуйте позже или позвоните 8-800-2000-122.',
  'chat.too_many_messages': 'Вы отправляете сообщения слишком часто. Подождите немного.',
  'chat.message_too_long': 'Сообщение слишком длинное: не больше {max} символов.',
  'chat.message_empty': 'Сообщение пустое.',
  'chat.bad_token': 'Чат не найден или время его продолжения истекло.',
  'chat.feedback_given': 'Отзыв об этом чате уже отправлен.',
  'chat.no_caller_key': 'У этого чата нет ключа устройства: заблокировать нельзя.',
  'chat.block_not_found': 'Блокировка не найдена.',
  'voice.disabled': 'Телефония не настроена.',
  'voice.number_taken': 'Этот номер уже принадлежит другой службе.',
  'voice.call_not_found': 'Звонок не найден.',
  'voice.edge_unavailable': 'SIP-сервер сейчас недоступен. Попробуйте ещё раз.',
  'canned.not_found': 'Шаблон ответа не найден.',
  'service.unavailable': 'Сервис временно недоступен. Повторите позже.',
  internal: 'Внутренняя ошибка. Мы уже знаем о ней; повторите действие позже.',
};

const en: Catalogue = {
  'request.invalid': 'Some fields have invalid values.',
  'request.malformed': 'The request is malformed and cannot be read.',
  'request.too_large': 'The request is too large.',
  'request.unsupported_media_type': 'Unsupported request format.',
  'route.not_found': 'Not found.',
  'auth.unauthenticated': 'Please sign in to continue.',
  'auth.invalid_credentials': 'Wrong login or password.',
  'auth.too_many_attempts': 'Too many failed sign-in attempts. Try again in {seconds} s.',
  'auth.csrf_failed': 'Your session is out of date. Reload the page and try again.',
  'auth.forbidden': 'You do not have permission for this action.',
  'auth.password_change_required': 'Change your temporary password to continue.',
  'auth.wrong_password': 'The current password is wrong.',
  'password.too_weak': 'The password does not meet the requirements: {problems}.',
  'service.not_found': 'Service not found.',
  'service.name_taken': 'A service with this name already exists.',
  'staff.not_found': 'Staff member not found.',
  'staff.login_taken': 'This login is already taken.',
  'staff.cannot_change_self': 'You cannot disable yourself or remove your own admin role.',
  'staff.last_admin': 'The last administrator cannot be disabled.',
  'resource.version_conflict': 'Someone else has changed this. Reload and try again.',
  'realtime.bad_message': 'Malformed message.',
  'realtime.upgrade_required': 'This address speaks WebSocket only.',
  'routing.contact_not_found': 'Contact not found.',
  'routing.contact_closed': 'This contact has already ended.',
  'routing.contact_exists': 'A contact with this id already exists.',
  'routing.offer_not_found': 'Offer not found.',
  'routing.offer_closed': 'This offer is no longer open: it timed out or went to someone else.',
  'routing.invalid_state': "This action is not possible in the contact's current state.",
  'routing.counsellor_unavailable': 'This counsellor cannot take the contact now (offline or busy).',
  'routing.capacity_full': 'No free capacity: finish current contacts first.',
  'routing.no_supervisor_on_duty': 'No supervisor on duty is free now.',
  'routing.wrapup_limit': 'Wrap-up cannot be extended beyond 30 minutes.',
  'routing.not_on_duty': 'Go on duty in this service first.',
  'routing.command_id_reused': 'This command id was already used for a different action.',
  'routing.ingress_disabled': 'Channel ingress is not configured.',
  'routing.no_caller_key': 'This contact has no caller key: a care plan cannot be made for it.',
  'routing.care_plan_not_found': 'Care plan not found.',
  'record.not_found': 'Contact record not found.',
  'record.exists': 'A record with this id already exists.',
  'record.incomplete': 'The record cannot be finalized: {problems}.',
  'record.unknown_reason': 'Unknown reason code.',
  'record.reasons_not_allowed': 'Reasons are recorded only for counselling contacts.',
  'record.correction_window_closed': 'You can correct your own record for 24 hours; now a supervisor can.',
  'record.not_editable': 'This record cannot be changed now.',
  'classification.code_taken': 'This subcategory code already exists.',
  'classification.category_not_found': 'Category not found.',
  'risk_alert.not_found': 'Risk alert not found.',
  'report.period_invalid': 'Invalid report period: the start must not be after the end, at most 20 years.',
  'report.export_not_found': 'Export not found.',
  'report.export_not_ready': 'The export is still being prepared.',
  'chat.not_found': 'Chat not found.',
  'chat.exists': 'A chat with this id already exists.',
  'chat.ended': 'This chat has ended.',
  'chat.closed_now': 'The chat is closed now. Call the free 24/7 number 8-800-2000-122.',
  'chat.unavailable': 'This service does not take chats now.',
  'chat.blocked': 'A chat cannot be started from this device now. If you need help, call 8-800-2000-122.',
  'chat.too_many_chats': 'Too many new chats in an hour. Try later or call 8-800-2000-122.',
  'chat.too_many_messages': 'You are sending messages too fast. Wait a little.',
  'chat.message_too_long': 'The message is too long: at most {max} characters.',
  'chat.message_empty': 'The message is empty.',
  'chat.bad_token': 'Chat not found, or the time to resume it has passed.',
  'chat.feedback_given': 'Feedback for this chat has already been sent.',
  'chat.no_caller_key': 'This chat has no device key: it cannot be blocked.',
  'chat.block_not_found': 'Block not found.',
  'voice.disabled': 'Telephony is not configured.',
  'voice.number_taken': 'This number already belongs to another service.',
  'voice.call_not_found': 'Call not found.',
  'voice.edge_unavailable': 'The SIP server is unavailable now. Try again.',
  'canned.not_found': 'Canned response not found.',
  'service.unavailable': 'The service is temporarily unavailable. Try again later.',
  internal: 'Internal error. Please try again later.',
};

const catalogues: Record<Locale, Catalogue> = { ru, en };

/** Picks ru unless the client prefers English first (Accept-Language). */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ru';
}

/**
 * Fills a message template from the error's details. A detail that is a list of codes (e.g.
 * `problems: ['too_short']`) is spelled out through the terms for that detail name.
 */
export function errorMessage(code: ErrorCode, locale: Locale, details?: Record<string, unknown>): string {
  return catalogues[locale][code].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = details?.[name];
    // Items are codes, or objects naming their code (a record's finalize problems: { field, code }).
    const codeOf = (x: unknown) => (typeof x === 'object' && x !== null && 'code' in x ? String(x.code) : String(x));
    if (Array.isArray(v)) return v.map((x) => detailTerms[locale][name]?.[codeOf(x)] ?? codeOf(x)).join('; ');
    return v === undefined ? '' : String(v);
  });
}

/** Words for the codes that error details carry, by detail name. */
const detailTerms: Record<Locale, Record<string, Record<string, string>>> = {
  ru: {
    problems: {
      too_short: 'не короче 12 символов',
      too_long: 'не длиннее 128 символов',
      contains_login: 'не должен содержать логин',
      too_common: 'слишком распространённый пароль',
      too_few_kinds: 'нужны хотя бы два вида символов (буквы, цифры, знаки)',
      'record.type_required': 'укажите тип обращения',
      'record.caller_type_required': 'укажите, кто обратился',
      'record.reason_required': 'укажите хотя бы одну причину обращения',
      'record.reasons_not_allowed': 'причины указываются только для обращений по проблеме',
      'record.unknown_reason': 'неизвестный код причины',
      'record.referral_required': 'укажите, куда перенаправлен',
    },
  },
  en: {
    problems: {
      too_short: 'at least 12 characters',
      too_long: 'at most 128 characters',
      contains_login: 'must not contain the login',
      too_common: 'too common',
      too_few_kinds: 'use at least two kinds of characters (letters, digits, symbols)',
      'record.type_required': 'choose the contact type',
      'record.caller_type_required': 'say who contacted',
      'record.reason_required': 'choose at least one reason',
      'record.reasons_not_allowed': 'reasons are for counselling contacts only',
      'record.unknown_reason': 'unknown reason code',
      'record.referral_required': 'say where the caller was referred',
    },
  },
};
