// What an HSDS import reports about a file, row by row. Where an issue is: `file` is the CSV file of
// the data package (for JSON, the HSDS table the row belongs to, e.g. `phones.csv`); `line` is the
// CSV line the record starts on (the header is line 1), or for JSON the row's JSONPath in the
// document (`$.service_at_locations[0].location.phones[1]`, `$["organizations.csv"][3]`, `$[2]`).
import type { Locale } from '../../i18n/messages.js';

export const ISSUE_CODES = [
  'unknown_table',
  'no_tables',
  'file_unreadable',
  'unpacked_too_large',
  'not_utf8',
  'csv_malformed',
  'duplicate_column',
  'wrong_column_count',
  'not_an_array',
  'not_an_object',
  'unknown_object',
  'unknown_field',
  'wrong_type',
  'required',
  'invalid_text',
  'invalid_uuid',
  'invalid_email',
  'invalid_uri',
  'invalid_date',
  'invalid_time',
  'invalid_datetime',
  'invalid_number',
  'invalid_integer',
  'invalid_boolean',
  'duplicate_id',
  'conflicting_duplicate',
  'link_mismatch',
  'id_taken',
  'id_other_table',
  'internal_error',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface ImportIssue {
  file: string | null;
  line: number | string | null;
  field: string | null;
  code: IssueCode;
  message: string;
}

/** At most this many issues are kept to show (all are counted). */
export const MAX_ISSUES = 1000;

const ru: Record<IssueCode, string> = {
  unknown_table: 'Неизвестная таблица HSDS «{value}».',
  no_tables: 'В архиве нет ни одной таблицы HSDS (файлов вида services.csv).',
  file_unreadable: 'Файл не читается: он повреждён или это не {value}.',
  unpacked_too_large: 'Архив слишком большой в распакованном виде: больше {value} МБ.',
  not_utf8: 'Файл не в кодировке UTF-8: сохраните его как CSV UTF-8.',
  csv_malformed: 'Ошибка разметки CSV: {value}.',
  duplicate_column: 'Столбец «{field}» встречается дважды.',
  wrong_column_count: 'В строке {value} значений, а в заголовке другое число столбцов.',
  not_an_array: 'Ожидался список строк таблицы.',
  not_an_object: 'Ожидался объект HSDS.',
  unknown_object: 'Не удалось понять, какая это таблица HSDS: {value}.',
  unknown_field: 'Поле «{field}» не входит в HSDS 3.0.',
  wrong_type: 'Поле «{field}»: ожидалось простое значение, а не {value}.',
  required: 'Не заполнено обязательное поле «{field}».',
  invalid_text: 'Поле «{field}» содержит недопустимые символы.',
  invalid_uuid: 'Поле «{field}»: «{value}» — не UUID.',
  invalid_email: 'Поле «{field}»: «{value}» — не адрес электронной почты.',
  invalid_uri: 'Поле «{field}»: «{value}» — не URI (нужна схема, например https://, и только латиница; домены .рф — в punycode).',
  invalid_date: 'Поле «{field}»: «{value}» — не дата ГГГГ-ММ-ДД.',
  invalid_time: 'Поле «{field}»: «{value}» — не время ЧЧ:ММ или ЧЧ:ММ:СС.',
  invalid_datetime: 'Поле «{field}»: «{value}» — не дата и время по RFC 3339 (с часовым поясом).',
  invalid_number: 'Поле «{field}»: «{value}» — не число.',
  invalid_integer: 'Поле «{field}»: «{value}» — не целое число.',
  invalid_boolean: 'Поле «{field}»: «{value}» — не true/false.',
  duplicate_id: 'Идентификатор {value} уже встречался в файле.',
  conflicting_duplicate: 'Объект {value} встречается в файле повторно с другим значением поля «{field}».',
  link_mismatch: 'Поле «{field}» ссылается не на тот объект, внутри которого записано.',
  id_taken: 'Идентификатор {value} принадлежит записи другой службы или общероссийского справочника.',
  id_other_table: 'Идентификатор {value} уже занят записью другой таблицы HSDS.',
  internal_error: 'Внутренняя ошибка при импорте; ничего не сохранено.',
};

const en: Record<IssueCode, string> = {
  unknown_table: 'Unknown HSDS table "{value}".',
  no_tables: 'The archive holds no HSDS table (files such as services.csv).',
  file_unreadable: 'The file cannot be read: it is damaged or not {value}.',
  unpacked_too_large: 'The archive is too large once unpacked: over {value} MB.',
  not_utf8: 'The file is not UTF-8: save it as CSV UTF-8.',
  csv_malformed: 'CSV syntax error: {value}.',
  duplicate_column: 'Column "{field}" appears twice.',
  wrong_column_count: 'The row has {value} values, a different number from the header.',
  not_an_array: 'Expected a list of table rows.',
  not_an_object: 'Expected an HSDS object.',
  unknown_object: 'Cannot tell which HSDS table this is: {value}.',
  unknown_field: 'Field "{field}" is not part of HSDS 3.0.',
  wrong_type: 'Field "{field}": expected a plain value, not {value}.',
  required: 'Required field "{field}" is empty.',
  invalid_text: 'Field "{field}" holds characters that cannot be stored.',
  invalid_uuid: 'Field "{field}": "{value}" is not a UUID.',
  invalid_email: 'Field "{field}": "{value}" is not an email address.',
  invalid_uri: 'Field "{field}": "{value}" is not a URI (it needs a scheme such as https:// and ASCII only).',
  invalid_date: 'Field "{field}": "{value}" is not a YYYY-MM-DD date.',
  invalid_time: 'Field "{field}": "{value}" is not a HH:MM or HH:MM:SS time.',
  invalid_datetime: 'Field "{field}": "{value}" is not an RFC 3339 date-time with a time zone.',
  invalid_number: 'Field "{field}": "{value}" is not a number.',
  invalid_integer: 'Field "{field}": "{value}" is not an integer.',
  invalid_boolean: 'Field "{field}": "{value}" is not true/false.',
  duplicate_id: 'Id {value} already appeared in the file.',
  conflicting_duplicate: 'Object {value} appears again in the file with a different "{field}".',
  link_mismatch: 'Field "{field}" points to another object than the one it is nested in.',
  id_taken: 'Id {value} belongs to another helpline service or to the national directory.',
  id_other_table: 'Id {value} is already used by a row of another HSDS table.',
  internal_error: 'Internal error during the import; nothing was saved.',
};

const shown = (v: unknown): string => {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
};

export function issueMessage(locale: Locale, code: IssueCode, field: string | null, value?: unknown): string {
  const template = (locale === 'en' ? en : ru)[code];
  return template.replace('{field}', field ?? '').replace('{value}', value === undefined ? '' : shown(value));
}

/** Collects a file's issues: keeps the first MAX_ISSUES, counts them all. */
export class IssueList {
  readonly items: ImportIssue[] = [];
  count = 0;

  constructor(private readonly locale: Locale) {}

  add(where: { file: string | null; line: number | string | null }, code: IssueCode, field: string | null = null, value?: unknown): void {
    this.count++;
    if (this.items.length < MAX_ISSUES)
      this.items.push({ file: where.file, line: where.line, field, code, message: issueMessage(this.locale, code, field, value) });
  }
}
