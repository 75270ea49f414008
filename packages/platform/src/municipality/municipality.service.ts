import type { Db } from '../db/database.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { accountsPolicy, type Actor } from '../accounts/accounts.policy.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { checkText } from '../shared/validate.ts';
import { municipalityRepository } from './municipality.repository.ts';
import { retentionUseCases } from './retention.ts';
import { mapUseCases } from './map.ts';

export { maxRetentionDays, type RetentionSettings } from './retention.ts';
export { readMapUpload, shapesAsGeoJson, defaultTiles, type MapShapes, type MunicipalityMap, type NamedFeature } from './map.ts';
export type { GeocodedPlace } from './geocoder.ts';

/** The municipality that runs this installation: its name, logo, colour and default language. */
export interface Municipality {
  readonly name: string;
  readonly logoUrl: string | null;
  readonly primaryColour: string;
  readonly defaultLocale: Locale;
  /** Its areas (districts), which residents may choose from and reports count by. */
  readonly areas: readonly string[];
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of white text on `hex`. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

const fallback: Municipality = {
  name: 'Tingsted',
  logoUrl: null,
  primaryColour: '#1f5f8b',
  defaultLocale: 'nb',
  areas: [],
};

/**
 * The areas as an administrator types them, one per line: trimmed, blank lines dropped, at most 200,
 * each at most 80 characters and named once.
 */
function parseAreas(input: unknown): readonly string[] | { error: FieldError } {
  const lines = (typeof input === 'string' ? input : Array.isArray(input) ? input.join('\n') : '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length > 200)
    return { error: { field: 'areas', message: 'field.tooMany', params: { max: 200 } } };
  if (lines.some((line) => line.length > 80))
    return { error: { field: 'areas', message: 'field.tooLong', params: { max: 80 } } };
  if (new Set(lines.map((line) => line.toLowerCase())).size !== lines.length)
    return { error: { field: 'areas', message: 'field.duplicateArea' } };
  return lines;
}

/** Reads and changes the municipality's settings. */
export function municipalityService(deps: { db: Db; audit: AuditService }) {
  // Settings are read on every page; a few seconds of staleness across servers is fine.
  let cached: { value: Municipality; at: number } | null = null;
  const repo = municipalityRepository(deps.db);

  async function get(): Promise<Municipality> {
    if (cached && Date.now() - cached.at < 5000) return cached.value;
    const row = await repo.find();
    const value: Municipality = row
      ? {
          name: row.name,
          logoUrl: row.logo_url,
          primaryColour: row.primary_colour,
          defaultLocale: isLocale(row.default_locale) ? row.default_locale : 'nb',
          areas: row.areas,
        }
      : fallback;
    cached = { value, at: Date.now() };
    return value;
  }

  return {
    get,
    ...retentionUseCases(repo, deps.audit),
    ...mapUseCases(repo, deps.audit),

    /** Creates the settings row when missing (seeding); leaves existing settings alone. */
    async ensure(initial: Municipality): Promise<void> {
      await repo.insertIfMissing(initial);
      cached = null;
    },

    /** Changes the settings; administrators only. The colour must keep white text readable (4.5:1). */
    async update(
      actor: Actor,
      input: {
        name: unknown;
        logoUrl: unknown;
        primaryColour: unknown;
        defaultLocale: unknown;
        areas?: unknown;
      },
    ): Promise<Result<Municipality>> {
      if (!accountsPolicy.manageMunicipality(actor)) return fail('Forbidden');
      const errors: FieldError[] = [];
      const name = checkText(input.name, 'name', { max: 120 });
      if ('error' in name) errors.push(name.error);
      const logo = typeof input.logoUrl === 'string' ? input.logoUrl.trim() : '';
      if (logo !== '' && !/^https:\/\/\S+$|^\/\S*$/.test(logo))
        errors.push({ field: 'logoUrl', message: 'field.urlInvalid' });
      const colour = typeof input.primaryColour === 'string' ? input.primaryColour.trim() : '';
      if (!/^#[0-9a-fA-F]{6}$/.test(colour))
        errors.push({ field: 'primaryColour', message: 'field.colourInvalid' });
      else if (contrastWithWhite(colour) < 4.5)
        errors.push({ field: 'primaryColour', message: 'field.colourContrast' });
      if (!isLocale(input.defaultLocale))
        errors.push({ field: 'defaultLocale', message: 'field.localeUnknown' });
      const areas = input.areas === undefined ? (await get()).areas : parseAreas(input.areas);
      if ('error' in areas) errors.push(areas.error);
      if (errors.length > 0 || 'error' in name || !isLocale(input.defaultLocale) || 'error' in areas)
        return fail('ValidationFailed', errors);
      const value: Municipality = {
        name: name.value,
        logoUrl: logo || null,
        primaryColour: colour,
        defaultLocale: input.defaultLocale,
        areas,
      };
      await repo.upsert(value);
      cached = null;
      await deps.audit.record({
        actorId: actor.id,
        action: 'municipality.updated',
        subjectType: 'municipality',
        subjectId: '1',
      });
      return ok(value);
    },
  };
}

export type MunicipalityService = ReturnType<typeof municipalityService>;
