import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { budgetingContracts, withMoneyShown } from '@tingsted/platform/budgeting';
import { formFailure, readForm, text } from '$lib/server/forms';
import { loadBudgeting, messageOf, presentBudget, presentProject, presentReceipt } from '$lib/server/budgeting';
import { addRefusal, formatMoney } from '$lib/budgeting/money';

/** The ballot being built, as the form carries it between requests (no JavaScript needed). */
interface Draft {
  budgetId: string;
  projects: string[];
  points: Record<string, string>;
  ranks: Record<string, string>;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { budgeting, process, phase } = await loadBudgeting(locals, params.slug, params.phaseId);
  const { design } = budgeting;
  const user = locals.ctx.user;
  const mine = user ? await locals.platform.budgeting.myBallot(user, { phaseId: phase.id }) : null;
  const myBudgets = mine?.ok ? mine.value.budgets : [];
  const budgets = budgeting.budgets.map((budget) => {
    const my = myBudgets.find((m) => m.budgetId === budget.id);
    return {
      ...presentBudget(locals, budget, design.currency),
      // null: not signed in, so eligibility is unknown.
      eligible: user ? (my?.eligible ?? false) : null,
      why: user && !my?.eligible ? messageOf(locals, my?.why ?? null, 'pb.ballot.notEligible') : null,
      receipt: my?.receipt ? presentReceipt(locals, my.receipt, design.currency, design.ballotKind === 'points') : null,
    };
  });
  const wanted = url.searchParams.get('budget');
  const selected = budgets.find((b) => b.id === wanted) ?? budgets.find((b) => b.eligible && !b.receipt) ?? budgets.find((b) => b.eligible) ?? budgets[0] ?? null;
  const projects = budgeting.projects
    .filter((p) => p.review.state === 'eligible' && p.budgetId === selected?.id)
    .sort((a, b) => a.number - b.number)
    .map((p) => presentProject(locals, p, design.currency));
  // Changing a cast ballot starts from it.
  const cast = myBudgets.find((m) => m.budgetId === selected?.id)?.receipt ?? null;
  const start: Draft = {
    budgetId: selected?.id ?? '',
    projects: cast?.projects.map((p) => p.id) ?? [],
    points: Object.fromEntries((cast?.projects ?? []).map((p) => [p.id, String(p.points ?? 0)])),
    ranks: Object.fromEntries((cast?.projects ?? []).map((p, i) => [p.id, String(i + 1)])),
  };
  let resultsPublished = false;
  if (budgeting.state === 'closed' && selected) {
    const results = await locals.platform.budgeting.budgetingResults(user, { phaseId: phase.id, budgetId: selected.id });
    resultsPublished = results.ok && results.value.publishedAt !== null;
  }
  return {
    process,
    phase,
    design: {
      kind: design.ballotKind,
      minProjects: design.minProjects,
      maxProjects: design.maxProjects,
      pointsTotal: design.pointsTotal ?? 0,
      rankLimit: Math.min(design.rankLimit ?? projects.length, projects.length),
      currency: design.currency,
      minAge: design.minAge,
    },
    budgets,
    selectedId: selected?.id ?? null,
    projects,
    start,
    canVote: budgeting.can.vote && selected?.eligible === true,
    changing: url.searchParams.has('change'),
    justCast: url.searchParams.has('cast'),
    signedIn: user !== null,
    resultsPublished,
    returnTo: url.pathname + url.search,
  };
};

function readDraft(form: FormData): Draft {
  const draft: Draft = { budgetId: text(form, 'budgetId'), projects: [], points: {}, ranks: {} };
  for (const id of form.getAll('projects')) if (typeof id === 'string' && !draft.projects.includes(id)) draft.projects.push(id);
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    if (name.startsWith('points-')) draft.points[name.slice(7)] = value;
    if (name.startsWith('rank-')) draft.ranks[name.slice(5)] = value;
  }
  return draft;
}

/** The project a draft may hold: eligible and in the draft's budget. */
async function ballotOf(locals: App.Locals, params: { slug: string; phaseId: string }, budgetId: string) {
  const { budgeting } = await loadBudgeting(locals, params.slug, params.phaseId);
  const budget = budgeting.budgets.find((b) => b.id === budgetId);
  const projects = budgeting.projects.filter((p) => p.review.state === 'eligible' && p.budgetId === budgetId);
  return { budgeting, budget, projects };
}

function signInFirst(locals: App.Locals, url: URL): void {
  if (!locals.ctx.user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname)}`);
}

export const actions: Actions = {
  /** Puts a project in the basket, unless it would go over the budget or the most projects allowed. */
  add: async ({ request, locals, params, url }) => {
    signInFirst(locals, url);
    const form = await request.formData();
    const draft = readDraft(form);
    const { budgeting, budget, projects } = await ballotOf(locals, params, draft.budgetId);
    const add = text(form, 'project');
    const project = projects.find((p) => p.id === add);
    if (!budget || !project) return fail(404, { message: locals.t('pb.ballot.notOnBallot'), fields: {}, values: {}, draft });
    draft.projects = draft.projects.filter((id) => projects.some((p) => p.id === id));
    const refusal = addRefusal(draft.projects, add, projects, { kind: budgeting.design.ballotKind, amount: budget.amount, maxProjects: budgeting.design.maxProjects });
    if (refusal) {
      const title = presentProject(locals, project, budgeting.design.currency).title;
      const reason =
        refusal.reason === 'overBudget'
          ? locals.t('pb.ballot.overBudget', { title, over: formatMoney(refusal.over, budgeting.design.currency, locals.ctx.locale) })
          : locals.t('pb.ballot.tooMany', { max: refusal.max });
      return fail(422, { message: locals.t('pb.ballot.notAdded'), fields: { projects: reason }, values: {}, draft, refused: add });
    }
    if (!draft.projects.includes(add)) draft.projects.push(add);
    return { draft };
  },
  remove: async ({ request, locals, url }) => {
    signInFirst(locals, url);
    const form = await request.formData();
    const draft = readDraft(form);
    const remove = text(form, 'project');
    draft.projects = draft.projects.filter((id) => id !== remove);
    return { draft };
  },
  /** Points and ranking: shows the totals of what is filled in so far; nothing is stored. */
  check: async ({ request, locals, url }) => {
    signInFirst(locals, url);
    return { draft: readDraft(await request.formData()) };
  },
  cast: async ({ request, locals, params, url }) => {
    signInFirst(locals, url);
    const form = await request.formData();
    const draft = readDraft(form);
    const { budgeting } = await ballotOf(locals, params, draft.budgetId);
    const kind = budgeting.design.ballotKind;
    const extra: Record<string, unknown> = { phaseId: params.phaseId };
    if (kind === 'points') {
      // Text that is not a whole number is passed on as it is, so the contract refuses it and names the field.
      extra.points = Object.fromEntries(Object.entries(draft.points).filter(([, v]) => v.trim() !== '').map(([id, v]) => [id, /^\d+$/.test(v.trim()) ? Number(v) : v]));
    }
    if (kind === 'ranking') {
      const ranked = Object.entries(draft.ranks).filter(([, v]) => v !== '').map(([id, v]) => ({ id, rank: Number(v) }));
      if (new Set(ranked.map((r) => r.rank)).size < ranked.length) {
        return fail(422, { message: locals.t('pb.ballot.notCast'), fields: { ranking: locals.t('pb.ballot.rankTwice') }, values: {}, draft });
      }
      extra.ranking = ranked.sort((a, b) => a.rank - b.rank).map((r) => r.id);
    }
    const read = readForm(budgetingContracts.castBallot, form, extra);
    if (!read.ok) {
      const failure = formFailure(locals, read);
      return fail(failure.status, { ...failure.data, draft });
    }
    const { phaseId, budgetId, projects, points, ranking } = read.value;
    // One shape per ballot kind, as the API takes it.
    const ballot = kind === 'points' ? { points: points ?? {} } : kind === 'ranking' ? { ranking: ranking ?? [] } : { projects: projects ?? [] };
    const result = await locals.platform.budgeting.castBallot(locals.ctx.user, { phaseId, ...(budgetId ? { budgetId } : {}), ...ballot });
    if (!result.ok) {
      const failure = formFailure(locals, withMoneyShown(result, budgeting.design.currency, locals.ctx.locale));
      return fail(failure.status, { ...failure.data, draft });
    }
    redirect(303, `${url.pathname}?budget=${encodeURIComponent(result.value.budgetId)}&cast=1#receipt`);
  },
};
