// «Маршрутизация обращений» in the staff form: the languages a counsellor counsels in (ISO 639
// codes, the common ones of Russia's helplines named in the UI language) and free skill tags
// (sign-language, parents…), as the server's routingProfileSchema accepts them.
import { Fieldset, MultiSelect, Stack, TagsInput, Text } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useT, type Translate } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/ru';

export const COMMON_LANGUAGES = ['ru', 'en', 'tt', 'ba', 'cv', 'ce', 'av', 'uk', 'kk', 'uz', 'tg', 'ky', 'hy', 'az', 'sah'] as const;
export const MAX_LANGUAGES = 10;
export const MAX_SKILLS = 20;
const SKILL = /^[a-z0-9-]{2,40}$/;
const languageKey = (code: (typeof COMMON_LANGUAGES)[number]): MessageKey => `profile.lang.${code}`;

/** As the server stores a tag: trimmed, lowercase; spaces inside become dashes. */
const normaliseSkill = (tag: string) => tag.trim().toLowerCase().replace(/\s+/g, '-');

export const languagesError = (t: Translate) => (v: string[]) => (v.length === 0 ? t('profile.languagesRequired') : null);

export const skillsError = (t: Translate) => (v: string[]) => {
  const bad = v.filter((s) => !SKILL.test(s));
  return bad.length > 0 ? t('profile.skillsInvalid', { skills: bad.join(', ') }) : null;
};

export const sameProfile = (a: { languages: string[]; skills: string[] }, b: { languages: string[]; skills: string[] }) =>
  a.languages.join() === b.languages.join() && a.skills.join() === b.skills.join();

interface Props {
  languages: GetInputPropsReturnType;
  skills: GetInputPropsReturnType;
}

export function RoutingProfileFields({ languages, skills }: Props) {
  const t = useT();
  const known: readonly string[] = COMMON_LANGUAGES;
  // A code set elsewhere (through the API) stays choosable, named by its code.
  const extra = ((languages.value as string[] | undefined) ?? []).filter((code) => !known.includes(code));
  const data = [
    ...COMMON_LANGUAGES.map((code) => ({ value: code, label: `${t(languageKey(code))} (${code})` })),
    ...extra.map((code) => ({ value: code, label: code })),
  ];
  return (
    <Fieldset legend={t('profile.title')}>
      <Stack>
        <Text size="sm" className="muted">
          {t('profile.text')}
        </Text>
        <MultiSelect
          label={t('profile.languages')}
          description={t('profile.languagesHint')}
          required
          searchable
          maxValues={MAX_LANGUAGES}
          nothingFoundMessage={t('profile.noLanguage')}
          data={data}
          {...languages}
        />
        <TagsInput
          label={t('profile.skills')}
          description={t('profile.skillsHint')}
          maxTags={MAX_SKILLS}
          acceptValueOnBlur
          {...skills}
          onChange={(v: string[]) => skills.onChange([...new Set(v.map(normaliseSkill).filter(Boolean))])}
        />
      </Stack>
    </Fieldset>
  );
}
