// What the formal letter of a signal says, in Russian, as plain blocks: the letterhead, the outgoing
// number and date, the addressees, the text, the signature. The PDF (letterPdf.ts) lays these out and
// the e-mail (emailSender.ts) takes its subject and short body from here, so both say the same.
import type { SignalLetter } from './signalLetter.js';

export interface LetterText {
  /** «ПРОЕКТ» while the signal is a draft (no number yet). */
  draftMark: string | null;
  letterhead: { name: string; lines: string[] };
  /** `Исх. № 2026/17 от 24.11.2026`, or blanks for a draft. */
  outgoing: string;
  urgentMark: string | null;
  addressees: { name: string; lines: string[] }[];
  title: string;
  paragraphs: string[];
  /** What happened, as the counsellor wrote it (its own line breaks kept). */
  facts: string;
  childHeading: string;
  /** `Фамилия, имя: …` one per chosen field, or one line saying none are given. */
  childLines: string[];
  closing: string;
  signature: { position: string; name: string; note: string | null };
  footer: string;
}

const POSITIONS = { head: 'Руководитель', supervisor: 'Супервизор', counsellor: 'Консультант' } as const;

const CHILD_LABELS: [keyof SignalLetter['child'], string][] = [
  ['childName', 'Фамилия, имя ребёнка'],
  ['childAge', 'Возраст'],
  ['address', 'Адрес'],
  ['school', 'Образовательная организация'],
  ['family', 'Семья, контакты родителей (законных представителей)'],
];

/** `Кузнецова Ольга Петровна` → `О. П. Кузнецова`, as Russian letters sign. */
export function signatureName(fullName: string): string {
  const [surname, ...given] = fullName.trim().split(/\s+/);
  if (!surname || given.length === 0) return fullName.trim();
  return `${given.map((g) => `${g[0]!.toUpperCase()}.`).join(' ')} ${surname}`;
}

/** `12 лет`, `1 год`, `3 года`. */
export function ageInWords(age: number): string {
  const tens = age % 100;
  const last = age % 10;
  const word = tens >= 11 && tens <= 14 ? 'лет' : last === 1 ? 'год' : last >= 2 && last <= 4 ? 'года' : 'лет';
  return `${age} ${word}`;
}

export function outgoingLine(letter: Pick<SignalLetter, 'number' | 'dateRu'>): string {
  return letter.number && letter.dateRu ? `Исх. № ${letter.number} от ${letter.dateRu}` : 'Исх. № ________ от ____________';
}

export function letterText(letter: SignalLetter): LetterText {
  const { letterhead } = letter;
  const urgent = letter.urgency.code === 'imminent';
  const child = CHILD_LABELS.filter(([field]) => letter.childFields.includes(field) && letter.child[field] != null).map(
    ([field, label]) => `${label}: ${field === 'childAge' ? ageInWords(letter.child.childAge!) : String(letter.child[field])}`,
  );
  const signer = letter.signature;
  return {
    draftMark: letter.number ? null : 'ПРОЕКТ',
    letterhead: {
      name: letterhead.name,
      lines: [letterhead.region, ...(letterhead.phones.length > 0 ? [`Тел.: ${letterhead.phones.join(', ')}`] : [])],
    },
    outgoing: outgoingLine(letter),
    urgentMark: urgent ? 'СРОЧНО' : null,
    addressees: letter.addressees.map((a) => ({
      name: a.name,
      lines: [
        ...(a.email ? [`Эл. почта: ${a.email}`] : []),
        ...(a.fax ? [`Факс: ${a.fax}`] : []),
        ...(a.phone && !a.email && !a.fax ? [`Тел.: ${a.phone}`] : []),
      ],
    })),
    title: 'Сообщение о детском неблагополучии',
    paragraphs: [
      `В службу детского телефона доверия (${letterhead.shortName ?? letterhead.name}) при обращении поступили сведения о ` +
        'ситуации, угрожающей жизни, здоровью или правам ребёнка. В соответствии с пунктом 3 статьи 56 Семейного кодекса ' +
        'Российской Федерации и статьёй 9 Федерального закона от 24.06.1999 № 120-ФЗ «Об основах системы профилактики ' +
        'безнадзорности и правонарушений несовершеннолетних» направляем их для принятия мер в пределах вашей компетенции.',
      `Основание: ${letter.reason.label.ru.toLowerCase()}.`,
      urgent
        ? 'Срочность: непосредственная угроза жизни или здоровью ребёнка — просим принять меры незамедлительно.'
        : 'Срочность: обычная.',
    ],
    facts: letter.facts ?? '',
    childHeading: 'Сведения о ребёнке',
    childLines: child.length > 0 ? child : ['Сведения, позволяющие установить личность ребёнка, в сообщении не приводятся.'],
    closing:
      'Просим подтвердить получение сообщения, указав его входящий номер и дату, и сообщить о принятых мерах со ссылкой ' +
      'на исходящий номер настоящего письма.',
    signature: signer
      ? {
          position: signer.role ? POSITIONS[signer.role] : 'Ответственное лицо',
          name: signatureName(signer.fullName),
          note: signer.sentWithoutApproval
            ? 'Направлено без предварительного согласования в связи с непосредственной угрозой жизни или здоровью ребёнка.'
            : null,
        }
      : { position: 'Подписывает супервизор после согласования', name: '', note: null },
    footer: 'Конфиденциально: содержит персональные данные несовершеннолетнего.',
  };
}

/** The e-mail's subject: the number, and the urgency first when it is urgent. No personal data. */
export function letterSubject(letter: SignalLetter): string {
  const urgent = letter.urgency.code === 'imminent' ? 'СРОЧНО. ' : '';
  return `${urgent}Сообщение о детском неблагополучии, ${outgoingLine(letter).replace(/^Исх\. /, 'исх. ')}`;
}

/** The e-mail's body: who sends what, with the letter attached; the child's data travel only in the PDF. */
export function letterMailBody(letter: SignalLetter): string {
  const { letterhead } = letter;
  return [
    'Здравствуйте.',
    '',
    `${letterhead.name} направляет сообщение о детском неблагополучии (${outgoingLine(letter).replace(/^Исх\. /, 'исх. ')}) — ` +
      'письмо во вложении, в формате PDF.',
    '',
    'Просим подтвердить получение, указав входящий номер и дату.',
    '',
    letterhead.name,
    letterhead.region,
    ...(letterhead.phones.length > 0 ? [`Тел.: ${letterhead.phones.join(', ')}`] : []),
  ].join('\n');
}

/** The attachment's name: `Сигнал_2026-17.pdf` (a draft: `Сигнал_проект.pdf`). */
export function letterFileName(letter: Pick<SignalLetter, 'number'>): string {
  return `Сигнал_${letter.number ? letter.number.replace('/', '-') : 'проект'}.pdf`;
}
