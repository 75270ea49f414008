// Amounts in budgeting messages as the reader's language writes them ("1 200 000 kr"): the platform's failures keep
// plain numbers in their params, and the edge formats them when it renders the message in the reader's language.
import type { Locale } from '../i18n/locales.ts';
import type { Failure, FieldError } from '../shared/result.ts';

const regionTags: Readonly<Record<Locale, string>> = { nb: 'nb-NO', nn: 'nn-NO', sv: 'sv-SE', da: 'da-DK', en: 'en-GB' };
const formats = new Map<string, Intl.NumberFormat>();

/** An amount in whole currency units in the reader's language, with the currency. */
export function moneyText(amount: number, currency: string, locale: Locale): string {
  const key = `${locale}:${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(regionTags[locale], { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
    formats.set(key, format);
  }
  return format.format(amount);
}

/** The params of each budgeting message that are amounts of money. */
const moneyParams: Readonly<Record<string, readonly string[]>> = {
  'budgeting.ballot.overBudget': ['total', 'budget'],
  'budgeting.line.overBudget': ['cost', 'budget'],
  'budgeting.import.amount': ['max'],
  'budgeting.import.cost': ['max'],
};

function shown(error: FieldError, currency: string, locale: Locale): FieldError {
  const names = moneyParams[error.message];
  if (!names || !error.params) return error;
  const params: Record<string, string | number> = { ...error.params };
  for (const name of names) {
    const value = params[name];
    if (typeof value === 'number') params[name] = moneyText(value, currency, locale);
  }
  return { ...error, params };
}

/** A failure whose money params are written out in `locale` and `currency`, ready for the one error table. */
export function withMoneyShown<F extends Omit<Failure, 'ok'>>(failure: F, currency: string, locale: Locale): F {
  if (!failure.fields) return failure;
  return { ...failure, fields: failure.fields.map((f) => shown(f, currency, locale)) };
}
