// The statistics report of contacts: totals, tables by every coded dimension, routing metrics and
// the summary line the services publish, built from rollup counts. In region and network views
// (and a service's report seen by a national analyst or admin) every count from 1 to 4 is shown
// as '<5', and so is every share or mean computed from such a count, so no child can be singled out.
// Counts of 0 and of 5 or more are exact. Only primary cells are hidden: totals stay exact.
import type { Database } from '../../db/database.js';
import type { Actor } from '../auth/policy.js';
import {
  AGE_GROUP_LABELS,
  CALLER_TYPE_LABELS,
  CHANNEL_LABELS,
  CONTACT_TYPE_LABELS,
  GENDER_LABELS,
  hourLabel,
  labelOf,
  NATIONAL_ROW_LABELS,
  RISK_LEVEL_LABELS,
  WEEKDAY_LABELS,
  type Label,
} from './labels.js';
import { loadCounts, planReport, reasonInfo, type Counts, type ReasonInfo, type ReportParams, type ReportPlan } from './reportData.js';
import { ruDate } from './reportPeriod.js';
import { referralTermNames } from './referrals.js';
import {
  SUPPRESSED,
  type Cell,
  type ContactReport,
  type Derived,
  type ReportRow,
  type ReportTable,
  type ReportTableId,
} from './reportSchemas.js';
import { AGE_GROUPS, CALLER_TYPES, CONTACT_TYPES, GENDERS, NATIONAL_ROWS, RECORD_CHANNELS, RISK_LEVELS } from './vocabulary.js';

export async function contactReport(db: Database, actor: Actor, params: ReportParams): Promise<ContactReport> {
  const plan = await planReport(db, actor, params);
  const counts = await loadCounts(db, plan);
  const [reasons, terms] = await Promise.all([
    reasonInfo(db, counts.values('c.reason')),
    referralTermNames(db, counts.values('referral.term')),
  ]);
  return buildReport(plan, counts, reasons, terms);
}

/**
 * The report from its counts: pure, so the export builds the very same numbers. `terms`: the names
 * of the taxonomy terms referrals are counted by.
 */
export function buildReport(
  plan: ReportPlan,
  counts: Counts,
  reasons: ReadonlyMap<string, ReasonInfo>,
  terms: ReadonlyMap<string, string> = new Map(),
): ContactReport {
  const hide = plan.suppress;
  const cell = (n: number): Cell => (hide && n >= 1 && n <= 4 ? SUPPRESSED : n);
  const small = (n: number) => hide && n >= 1 && n <= 4;
  /** num ÷ den (× scale), rounded; hidden when any count it is computed from is small. */
  const ratio = (num: number, den: number, from: number[], digits: number, scale = 1): Derived => {
    if (den === 0) return null;
    if (from.some(small)) return SUPPRESSED;
    const f = 10 ** digits;
    return Math.round(((num * scale) / den) * f) / f;
  };

  const all = counts.get('contacts', 'all');
  const counselling = counts.get('type', 'counselling');
  const referrals = counts.get('referral', 'all');
  const table = (
    id: ReportTableId,
    title: Label,
    base: 'all' | 'counselling' | 'referrals',
    dim: string,
    keys: readonly string[],
    labelFor: (key: string) => Label,
    extra?: (key: string) => Partial<ReportRow>,
  ): ReportTable => {
    const baseN = base === 'all' ? all : base === 'counselling' ? counselling : referrals;
    // Values the vocabulary does not list (e.g. a channel added later) are shown too, after the listed ones.
    const seen = counts.values(dim).filter((v) => !keys.includes(v));
    return {
      id,
      title,
      base,
      rows: [...keys, ...seen.sort()].map((key) => {
        const n = counts.get(dim, key);
        return { key, label: labelFor(key), n: cell(n), share: ratio(n, baseN, [n, baseN], 4), ...extra?.(key) };
      }),
    };
  };
  const withCounselling = (dim: string) => (key: string) => ({ counselling: cell(counts.get(dim, key)) });
  const hours = Array.from({ length: 24 }, (_, h) => String(h));
  const reasonCodes = counts.values('c.reason').sort((a, b) => reasonOrder(reasons, a, b));
  // Kinds of help by name, a term deleted since last (not by count: the order would tell hidden small cells apart).
  const termName = (id: string): Label => {
    const name = terms.get(id);
    return name === undefined
      ? { ru: 'Вид помощи удалён из справочника', en: 'Kind of help deleted from the directory' }
      : { ru: name, en: name };
  };
  const termIds = counts
    .values('referral.term')
    .sort(
      (a, b) => Number(!terms.has(a)) - Number(!terms.has(b)) || termName(a).ru.localeCompare(termName(b).ru, 'ru') || (a < b ? -1 : 1),
    );

  const r = (v: string) => counts.get('routing', v);
  const answered = r('answered');
  const abandoned = r('abandoned');
  const shortAbandoned = r('short_abandoned');
  const offered = r('offered');
  const handled = r('handled');
  const slBase = answered + abandoned;

  const period = plan.period;
  const scopeName = scopeLabel(plan);
  return {
    scope: plan.scope,
    period: { ...period },
    service: plan.service,
    region: plan.region,
    suppressed: hide,
    title: {
      ru: `Статистика обращений: ${scopeName.ru}, с ${ruDate(period.from)} по ${ruDate(period.to)}`,
      en: `Contact statistics: ${scopeName.en}, ${period.from} to ${period.to}`,
    },
    summary: summaryLine(period, cell(all), cell(counselling)),
    totals: {
      all: cell(all),
      counselling: cell(counselling),
      nonCounselling: cell(all - counselling),
      missed: cell(counts.get('type', 'missed')),
      repeatCounselling: cell(counts.get('c.repeat', 'yes')),
    },
    referrals: { total: cell(referrals) },
    tables: [
      table('contactType', { ru: 'Тип обращения', en: 'Contact type' }, 'all', 'type', CONTACT_TYPES, (k) =>
        labelOf(CONTACT_TYPE_LABELS, k),
      ),
      table('callerType', { ru: 'Кто обратился', en: 'Who contacted' }, 'counselling', 'c.caller', [...CALLER_TYPES, 'unknown'], (k) =>
        labelOf(CALLER_TYPE_LABELS, k),
      ),
      table(
        'nationalRow',
        { ru: 'Тематика обращений (строки отчёта)', en: 'Reasons (national rows)' },
        'counselling',
        'c.row',
        NATIONAL_ROWS,
        (k) => labelOf(NATIONAL_ROW_LABELS, k),
      ),
      table(
        'reason',
        { ru: 'Причины обращений', en: 'Reasons for contact' },
        'counselling',
        'c.reason',
        reasonCodes,
        (k) => {
          const info = reasons.get(k);
          return info ? { ru: info.labelRu, en: info.labelEn } : { ru: k, en: k };
        },
        (k) => {
          const info = reasons.get(k);
          const code = info?.categoryCode ?? k.split('.')[0]!;
          return { category: { code, label: info ? { ru: info.categoryRu, en: info.categoryEn } : { ru: code, en: code } } };
        },
      ),
      table('ageGroup', { ru: 'Возраст ребёнка', en: "Child's age" }, 'counselling', 'c.age', AGE_GROUPS, (k) =>
        labelOf(AGE_GROUP_LABELS, k),
      ),
      table('gender', { ru: 'Пол ребёнка', en: "Child's gender" }, 'counselling', 'c.gender', GENDERS, (k) => labelOf(GENDER_LABELS, k)),
      table(
        'channel',
        { ru: 'Канал', en: 'Channel' },
        'all',
        'channel',
        RECORD_CHANNELS,
        (k) => labelOf(CHANNEL_LABELS, k),
        withCounselling('c.channel'),
      ),
      table('hour', { ru: 'Час суток', en: 'Hour of day' }, 'all', 'hour', hours, (k) => hourLabel(Number(k)), withCounselling('c.hour')),
      table(
        'weekday',
        { ru: 'День недели', en: 'Weekday' },
        'all',
        'weekday',
        ['1', '2', '3', '4', '5', '6', '7'],
        (k) => labelOf(WEEKDAY_LABELS, k),
        withCounselling('c.weekday'),
      ),
      table('risk', { ru: 'Суицидальный риск', en: 'Suicide risk' }, 'counselling', 'c.risk', RISK_LEVELS, (k) =>
        labelOf(RISK_LEVEL_LABELS, k),
      ),
      table(
        'referralTerm',
        { ru: 'Направления по видам помощи', en: 'Referrals by kind of help' },
        'referrals',
        'referral.term',
        termIds,
        termName,
      ),
    ],
    routing: {
      offered: cell(offered),
      answered: cell(answered),
      answeredInServiceLevel: cell(r('answered_in_sl')),
      shortAbandoned: cell(shortAbandoned),
      abandoned: cell(abandoned),
      abandonedAfterGreeting: cell(r('abandoned_after_greeting')),
      expired: cell(r('expired')),
      answeredByPartner: cell(r('answered_by_partner')),
      handled: cell(handled),
      serviceLevel: ratio(r('answered_in_sl'), slBase, [r('answered_in_sl'), answered, abandoned], 4),
      asaSeconds: ratio(r('wait_ms'), answered, [answered], 1, 1 / 1000),
      abandonmentRate: ratio(abandoned, offered - shortAbandoned, [abandoned, offered, shortAbandoned], 4),
      ahtSeconds: ratio(r('handle_ms'), handled, [handled], 1, 1 / 1000),
    },
  };
}

function reasonOrder(reasons: ReadonlyMap<string, ReasonInfo>, a: string, b: string): number {
  const x = reasons.get(a);
  const y = reasons.get(b);
  if (x && y) return x.categoryPosition - y.categoryPosition || x.position - y.position || (a < b ? -1 : 1);
  if (x || y) return x ? -1 : 1;
  return a < b ? -1 : 1;
}

function scopeLabel(plan: ReportPlan): Label {
  if (plan.scope === 'service') return { ru: plan.service!.name, en: plan.service!.name };
  if (plan.scope === 'region') return { ru: plan.region!, en: plan.region! };
  return { ru: 'вся сеть', en: 'the whole network' };
}

/** «С 01.10.2010 по 31.12.2025 поступило 92 670 обращений, из них 70 523 по проблеме.» */
export function summaryLine(period: { from: string; to: string }, all: Cell, counselling: Cell): Label {
  const ru = (c: Cell) => (c === SUPPRESSED ? 'менее 5' : groupDigits(c, '\u00a0'));
  const en = (c: Cell) => (c === SUPPRESSED ? 'fewer than 5' : groupDigits(c, ','));
  const noun = all === SUPPRESSED ? 'обращений' : ruPlural(all, 'обращение', 'обращения', 'обращений');
  return {
    ru: `С ${ruDate(period.from)} по ${ruDate(period.to)} поступило ${ru(all)} ${noun}, из них ${ru(counselling)} по проблеме.`,
    en: `From ${ruDate(period.from)} to ${ruDate(period.to)} the line received ${en(all)} ${all === 1 ? 'contact' : 'contacts'}, ${en(counselling)} of them counselling.`,
  };
}

export function groupDigits(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

export function ruPlural(n: number, one: string, few: string, many: string): string {
  const d = n % 10;
  const dd = n % 100;
  if (d === 1 && dd !== 11) return one;
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return few;
  return many;
}
