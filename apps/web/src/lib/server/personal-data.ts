import { formatDateTime, type Locale } from '@tingsted/platform/i18n';
import type { PersonalDataExport } from '@tingsted/platform/reports';
import type { MessageKey } from '$lib/i18n/keys';


/** One entry of the export as the page shows it: each field's label and value in the page's language. */
export type ShownRecord = { label: string; value: string }[];

/** One section of the export page. */
export interface ShownSection {
  readonly key: string;
  readonly title: string;
  readonly records: ShownRecord[];
}

type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/**
 * The export as a readable page: the account first, then each module's sections, every field labelled and
 * every time written in the page's language and the municipality's time zone. Field names with no label in
 * the catalogs are shown as they are in the JSON file.
 */
export function presentExport(data: PersonalDataExport, t: Translate, locale: Locale, timeZone: string): ShownSection[] {
  const label = (field: string) => {
    const key = `privacy.field.${field}` as MessageKey;
    const text = t(key);
    return text === key ? field : text;
  };
  const shown = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('privacy.empty');
    if (value instanceof Date) return formatDateTime(locale, value, timeZone);
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(locale, value, timeZone);
    if (typeof value === 'boolean') return value ? t('privacy.yes') : t('privacy.no');
    if (Array.isArray(value)) return value.length === 0 ? t('privacy.empty') : value.map((v) => shown(v)).join(', ');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  const record = (entry: Readonly<Record<string, unknown>>): ShownRecord => Object.entries(entry).map(([field, value]) => ({ label: label(field), value: shown(value) }));
  const section = (key: string, records: readonly Readonly<Record<string, unknown>>[]): ShownSection => ({
    key,
    title: t(`privacy.section.${key}` as MessageKey),
    records: records.map(record),
  });
  return [
    section('account', [data.account]),
    section('roles', data.roles.map((role) => ({ role: t(`role.${role}`) }))),
    section('aboutYou', data.aboutYou ? [data.aboutYou] : []),
    section('sessions', data.sessions),
    section('identityProviders', data.identityProviders),
    ...Object.entries(data.sections).map(([key, records]) => section(key, records)),
    section('actions', data.actions),
  ];
}
