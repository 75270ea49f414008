// Money and ballot arithmetic shared by the budgeting pages' server code and their script in the browser
// (the live remaining budget), so both show the same figures.

const regionTags: Readonly<Record<string, string>> = { nb: 'nb-NO', nn: 'nn-NO', sv: 'sv-SE', da: 'da-DK', en: 'en-GB' };
/** The language tag with region that Intl formats with. */
export function regionTag(locale: string): string {
  return regionTags[locale] ?? locale;
}

const formats = new Map<string, Intl.NumberFormat>();

/** An amount in whole currency units as the reader's language writes it ("1 200 000 kr"). */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const key = `${locale}:${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(regionTag(locale), { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
    formats.set(key, format);
  }
  return format.format(amount);
}

/** A project's cost, with its range when the estimate has one ("1 200 kr (1 000–1 500 kr)"). */
export function formatCost(project: { cost: number; costMin: number | null; costMax: number | null }, currency: string, locale: string): string {
  const cost = formatMoney(project.cost, currency, locale);
  if (project.costMin === null && project.costMax === null) return cost;
  const low = formatMoney(project.costMin ?? project.cost, currency, locale);
  const high = formatMoney(project.costMax ?? project.cost, currency, locale);
  return `${cost} (${low}–${high})`;
}

/** The total cost of the chosen projects (ids not among `projects` count nothing). */
export function basketTotal(chosen: readonly string[], projects: readonly { id: string; cost: number }[]): number {
  const cost = new Map(projects.map((p) => [p.id, p.cost]));
  return chosen.reduce((sum, id) => sum + (cost.get(id) ?? 0), 0);
}

/** Why adding a project to a basket is refused, or null when it may be added. */
export function addRefusal(
  chosen: readonly string[],
  add: string,
  projects: readonly { id: string; cost: number }[],
  rules: { kind: string; amount: number; maxProjects: number | null },
): { reason: 'overBudget'; over: number } | { reason: 'tooMany'; max: number } | null {
  if (chosen.includes(add)) return null;
  if (rules.maxProjects !== null && chosen.length + 1 > rules.maxProjects) return { reason: 'tooMany', max: rules.maxProjects };
  if (rules.kind === 'basket') {
    const total = basketTotal([...chosen, add], projects);
    if (total > rules.amount) return { reason: 'overBudget', over: total - rules.amount };
  }
  return null;
}
