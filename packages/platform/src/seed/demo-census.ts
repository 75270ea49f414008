import type { Platform } from '../platform.ts';

/** The age bands of the demo census, as SSB's tables group them for planning. */
const bands = ['0-15', '16-29', '30-44', '45-66', '67 år eller eldre'] as const;

/** Residents per area and each band's share there: made up for the demo, not real figures. */
const areas: readonly { name: string; people: number; shares: readonly number[] }[] = [
  { name: 'Sentrum', people: 6200, shares: [0.12, 0.27, 0.24, 0.24, 0.13] },
  { name: 'Nordbyen', people: 4800, shares: [0.2, 0.19, 0.22, 0.27, 0.12] },
  { name: 'Elvebakken', people: 3900, shares: [0.22, 0.15, 0.21, 0.28, 0.14] },
  { name: 'Sjøsiden', people: 2600, shares: [0.15, 0.12, 0.17, 0.32, 0.24] },
  { name: 'Åsen', people: 1900, shares: [0.19, 0.13, 0.18, 0.31, 0.19] },
];

/** Men's share per band: fewer among the oldest, as in every Nordic census. */
const menShare = [0.513, 0.52, 0.51, 0.505, 0.455];

/**
 * Demo kommune's census as an SSB-style export (semicolons, Norwegian headers, "I alt" totals per area and
 * for the municipality), generated from the figures above: the file docs/census-demo.csv is this text.
 */
export function demoCensusCsv(): string {
  const lines = ['område;alder;kjønn;personer'];
  let all = 0;
  for (const area of areas) {
    let total = 0;
    bands.forEach((band, i) => {
      const people = Math.round(area.people * (area.shares[i] ?? 0));
      const men = Math.round(people * (menShare[i] ?? 0.5));
      lines.push(`${area.name};${band};Kvinner;${people - men}`, `${area.name};${band};Menn;${men}`);
      total += people;
    });
    lines.push(`${area.name};I alt;I alt;${total}`);
    all += total;
  }
  lines.push(`I alt;I alt;I alt;${all}`);
  return `${lines.join('\n')}\n`;
}

/** Imports the demo census for this year, unless a census is there already (idempotent). */
export async function seedDemoCensus(platform: Platform, people: { administrator: string; year: number }): Promise<void> {
  const actor = { id: people.administrator, roles: ['administrator' as const] };
  const current = await platform.census.currentCensus(actor);
  if (!current.ok || current.value) return;
  const imported = await platform.census.importCensus(actor, { year: people.year, source: 'Demo kommune (generated, not real figures)', file: demoCensusCsv() });
  if (!imported.ok) throw new Error(`the demo census does not import: ${JSON.stringify(imported)}`);
}
