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
    if (Array.isArray(v)) return v.map((x) => detailTerms[locale][name]?.[String(x)] ?? String(x)).join('; ');
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
    },
  },
  en: {
    problems: {
      too_short: 'at least 12 characters',
      too_long: 'at most 128 characters',
      contains_login: 'must not contain the login',
      too_common: 'too common',
      too_few_kinds: 'use at least two kinds of characters (letters, digits, symbols)',
    },
  },
};
