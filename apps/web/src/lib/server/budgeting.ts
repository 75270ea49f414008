// What the budgeting pages (ballot, project, results) share on the server: finding the budgeting phase named
// in the address, and shaping the budgeting module's presenters into what a page shows, in the reader's
// language.
import { error } from '@sveltejs/kit';
import type { OutputOf } from '@tingsted/platform/edge';
import type { budgetingContracts } from '@tingsted/platform/budgeting';
import { resolveText } from '@tingsted/platform/shared';
import { isMessageKey } from '$lib/i18n/translate.server';
import { formatCost, formatMoney, regionTag } from '$lib/budgeting/money';
import { formatDate } from './present';
import { loadProcess } from './process';

export type Budgeting = OutputOf<typeof budgetingContracts.budgetingOf>;
export type BudgetingProject = Budgeting['projects'][number];
export type Receipt = NonNullable<OutputOf<typeof budgetingContracts.myBallot>['budgets'][number]['receipt']>;

/** The process and budgeting phase in the address with the phase's design, budgets and projects, or a 404. */
export async function loadBudgeting(locals: App.Locals, slug: string, phaseId: string) {
  const found = await loadProcess(locals, slug);
  const phase = found.process.phases.find((p) => p.id === phaseId && p.method === 'budgeting');
  if (!phase) error(404, { message: 'NotFound' });
  const budgeting = await locals.platform.budgeting.budgetingOf(locals.ctx.user, { phaseId: phase.id });
  if (!budgeting.ok) error(budgeting.code === 'Forbidden' ? 403 : 404, { message: budgeting.code });
  const title = localize(locals, phase.title);
  return {
    found,
    budgeting: budgeting.value,
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    phase: { id: phase.id, title: title.text, lang: title.locale, state: budgeting.value.state, start: formatDate(phase.startsOn, locals.ctx.locale), end: formatDate(phase.endsOn, locals.ctx.locale), endsOn: phase.endsOn },
  };
}

/** A text in the reader's language, or the nearest one (its language is given for the `lang` attribute). */
export function localize(locals: App.Locals, value: Readonly<Record<string, string>>) {
  const r = resolveText(value, locals.ctx.locale, locals.ctx.municipality.defaultLocale);
  return { text: r.text, locale: r.locale };
}

/** A message key the platform returned, in the reader's language (`fallback` when the catalog lacks it). */
export function messageOf(locals: App.Locals, key: string | null, fallback: Parameters<App.Locals['t']>[0]): string {
  if (key === null) return locals.t(fallback);
  return isMessageKey(key) ? locals.t(key) : locals.t(fallback);
}

/** A budget as the pages show it. */
export function presentBudget(locals: App.Locals, budget: Budgeting['budgets'][number], currency: string) {
  const name = localize(locals, budget.name);
  return { id: budget.id, name: name.text, lang: name.locale, area: budget.area, amount: budget.amount, amountText: formatMoney(budget.amount, currency, locals.ctx.locale), ballots: budget.ballots };
}

/** A project as a list or ballot shows it: number, title, cost (with its range), area and category. */
export function presentProject(locals: App.Locals, project: BudgetingProject, currency: string) {
  const title = localize(locals, project.title);
  return {
    id: project.id,
    number: project.number,
    budgetId: project.budgetId,
    title: title.text,
    lang: title.locale,
    cost: project.cost,
    costText: formatCost(project, currency, locals.ctx.locale),
    area: project.area,
    category: project.category,
  };
}

/** A receipt as the ballot page shows it. */
export function presentReceipt(locals: App.Locals, receipt: Receipt, currency: string, points: boolean) {
  return {
    budgetId: receipt.budgetId,
    code: receipt.code,
    projects: receipt.projects.map((p) => {
      const title = localize(locals, p.title);
      return { id: p.id, number: p.number, title: title.text, lang: title.locale, costText: formatMoney(p.cost, currency, locals.ctx.locale), points: p.points };
    }),
    totalText: points ? String(receipt.total) : formatMoney(receipt.total, currency, locals.ctx.locale),
    castAt: formatDateTime(receipt.castAt, locals.ctx.locale),
    changeableUntil: formatDate(receipt.changeableUntil, locals.ctx.locale),
  };
}

/** A moment as the reader's language writes it, in the municipality's time zone. */
export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(regionTag(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(new Date(iso));
}
