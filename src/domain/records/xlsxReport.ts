// The statistics report as an XLSX workbook (opens in Excel and LibreOffice): a summary sheet and
// one sheet per table, Russian headers, a title row with the scope and period, the same numbers as
// the JSON report and '<5' as text where a small count is hidden.
import ExcelJS from 'exceljs';
import type { ContactReport, Derived, ReportTable, ReportTableId } from './reportSchemas.js';

/** Sheet names (at most 31 characters, Excel's limit). */
export const SHEET_NAMES: Record<ReportTableId | 'summary', string> = {
  summary: 'Сводка',
  contactType: 'Тип обращения',
  callerType: 'Кто обратился',
  nationalRow: 'Тематика',
  reason: 'Причины',
  ageGroup: 'Возраст',
  gender: 'Пол',
  channel: 'Канал',
  hour: 'Час суток',
  weekday: 'День недели',
  risk: 'Суицидальный риск',
  referralTerm: 'Направления',
};

export const SUPPRESSION_NOTE = 'Значения от 1 до 4 и показатели, рассчитанные из них, скрыты: «<5».';

/** The rows of the summary sheet after its title: [label, value] (shares and rates as fractions). */
export function summaryRows(r: ContactReport): [string, number | string | null][] {
  const t = r.totals;
  const g = r.routing;
  return [
    ['Всего обращений', t.all],
    ['Обращения по проблеме', t.counselling],
    ['Прочие обращения', t.nonCounselling],
    ['Не дождались ответа', t.missed],
    ['Повторные обращения по проблеме', t.repeatCounselling],
    ['Направления в другие службы', r.referrals.total],
    ['Поступило в очередь', g.offered],
    ['Принято', g.answered],
    ['Принято в течение 20 с', g.answeredInServiceLevel],
    ['Короткие сбросы (менее 5 с)', g.shortAbandoned],
    ['Пропущено (абонент не дождался)', g.abandoned],
    ['Из них после приветствия', g.abandonedAfterGreeting],
    ['Истекло время ожидания', g.expired],
    ['Принято партнёрской службой', g.answeredByPartner],
    ['Обработано', g.handled],
    ['Уровень обслуживания (20 с)', g.serviceLevel],
    ['Среднее время ответа, с', g.asaSeconds],
    ['Доля пропущенных', g.abandonmentRate],
    ['Среднее время обработки, с', g.ahtSeconds],
  ];
}

const PERCENT_ROWS = new Set(['Уровень обслуживания (20 с)', 'Доля пропущенных']);

/** Column headers of a table's sheet. */
export function tableHeaders(t: ReportTable): string[] {
  const base =
    t.base === 'all' ? 'Доля от всех обращений' : t.base === 'counselling' ? 'Доля от обращений по проблеме' : 'Доля от всех направлений';
  return [
    'Код',
    ...(t.id === 'reason' ? ['Категория'] : []),
    'Наименование',
    'Количество',
    base,
    ...(t.rows.some((row) => row.counselling !== undefined) ? ['Из них по проблеме'] : []),
  ];
}

/** Builds the workbook; `onSheet(done, total)` after each sheet (an export's progress). */
export async function reportWorkbook(r: ContactReport, onSheet?: (done: number, total: number) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Доверие';
  const total = r.tables.length + 1;

  const summary = wb.addWorksheet(SHEET_NAMES.summary);
  titleRows(summary, r, 2);
  summary.addRow([r.summary.ru]);
  summary.addRow([]);
  header(summary.addRow(['Показатель', 'Значение']));
  for (const [label, value] of summaryRows(r)) {
    const row = summary.addRow([label, value]);
    if (PERCENT_ROWS.has(label) && typeof value === 'number') row.getCell(2).numFmt = '0.0%';
  }
  summary.getColumn(1).width = 42;
  summary.getColumn(2).width = 14;
  onSheet?.(1, total);

  for (const [i, t] of r.tables.entries()) {
    const ws = wb.addWorksheet(SHEET_NAMES[t.id]);
    const headers = tableHeaders(t);
    const shareColumn = headers.findIndex((h) => h.startsWith('Доля')) + 1;
    titleRows(ws, r, headers.length, t.title.ru);
    header(ws.addRow(headers));
    for (const row of t.rows) {
      const cells = [
        row.key,
        ...(t.id === 'reason' ? [row.category?.label.ru ?? ''] : []),
        row.label.ru,
        row.n,
        shareCell(row.share),
        ...(headers.includes('Из них по проблеме') ? [row.counselling ?? null] : []),
      ];
      const added = ws.addRow(cells);
      if (typeof row.share === 'number') added.getCell(shareColumn).numFmt = '0.0%';
    }
    headers.forEach((h, c) => (ws.getColumn(c + 1).width = h === 'Наименование' ? 60 : h === 'Категория' ? 36 : 16));
    onSheet?.(i + 2, total);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const shareCell = (d: Derived): number | string | null => (d === null ? null : d);

/** Title (scope and period), the table's name, and the suppression note where it applies. */
function titleRows(ws: ExcelJS.Worksheet, r: ContactReport, width: number, table?: string): void {
  const title = ws.addRow([r.title.ru]);
  title.font = { bold: true, size: 13 };
  ws.mergeCells(title.number, 1, title.number, Math.max(width, 2));
  if (table) ws.addRow([table]).font = { bold: true };
  if (r.suppressed) ws.addRow([SUPPRESSION_NOTE]).font = { italic: true };
}

function header(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    c.border = { bottom: { style: 'thin' } };
  });
}

/** The download's file name: Russian, with the scope and period. */
export function workbookFileName(r: ContactReport): string {
  const scope = r.scope === 'service' ? r.service!.name : r.scope === 'region' ? r.region! : 'сеть';
  const safe = scope
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .trim()
    .slice(0, 80);
  return `Статистика обращений — ${safe} — ${r.period.from}_${r.period.to}.xlsx`;
}
