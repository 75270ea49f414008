// Schemas several contracts share.
import Type, { type TLiteral, type TUnion } from 'typebox';
import { locales } from '../i18n/locales.ts';

/** A uuid. */
export const Id = Type.String({ format: 'uuid' });

/** One of the five languages. */
export const LocaleSchema = oneOf(locales, { description: 'nb, nn, sv, da or en' });

/** Text per language code (nb, nn, sv, da, en). */
export const Localized = Type.Record(Type.String(), Type.String(), { description: 'Text per language code (nb, nn, sv, da, en)' });

/** A use case that answers nothing but success. */
export const Done = Type.Object({ ok: Type.Literal(true) });

/** A use case that made something: its id. */
export const Created = Type.Object({ id: Type.String() });

/** A union of string literals from a list. */
export function oneOf<const T extends readonly string[]>(values: T, options: { description?: string } = {}): TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }> {
  return Type.Union(values.map((v) => Type.Literal(v)), options) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;
}
