// The voter's own page of budgeting ballots (/account/ballots): each ballot from the budgeting module's myBallots
// presenter, shaped for the page in the reader's language. The API gives the same data (GET /api/v1/me/ballots).
import type { OutputOf } from '@tingsted/platform/edge';
import type { budgetingContracts } from '@tingsted/platform/budgeting';
import { isMessageKey } from '$lib/i18n/translate.server';
import { formatMoney } from '$lib/budgeting/money';
import { localize, presentReceipt } from './budgeting';
import { formatDate } from './present';

type MyBallot = OutputOf<typeof budgetingContracts.myBallots>['ballots'][number];

/** One ballot as the page shows it: where, the receipt, links, and once published the funded and unfunded projects. */
export function presentMyBallot(locals: App.Locals, ballot: MyBallot) {
  const money = (amount: number) => formatMoney(amount, ballot.currency, locals.ctx.locale);
  const receipt = presentReceipt(locals, ballot.receipt, ballot.currency, ballot.ballotKind === 'points');
  const process = localize(locals, ballot.processTitle);
  const budget = localize(locals, ballot.budgetName);
  const base = `/processes/${encodeURIComponent(ballot.processSlug)}/budgeting/${ballot.phaseId}`;
  const reason = (key: string) => (isMessageKey(`pb.reason.${key}`) ? locals.t(`pb.reason.${key}` as Parameters<App.Locals['t']>[0]) : key);
  const titleOf = new Map(receipt.projects.map((p) => [p.id, p] as const));
  const outcomes = (ballot.outcomes ?? []).flatMap((o) => {
    const line = titleOf.get(o.id);
    return line ? [{ ...o, number: line.number, title: line.title, lang: line.lang, paidText: o.paid === null ? null : money(Math.round(o.paid)), reasonText: reason(o.reason) }] : [];
  });
  return {
    key: `${ballot.phaseId}:${ballot.budgetId}`,
    budgetId: ballot.budgetId,
    process: { title: process.text, lang: process.locale },
    budget: { name: budget.text, lang: budget.locale },
    kind: ballot.ballotKind,
    open: ballot.state === 'open',
    endsOn: formatDate(ballot.receipt.changeableUntil, locals.ctx.locale),
    receipt,
    ballotHref: `${base}?budget=${encodeURIComponent(ballot.budgetId)}`,
    changeHref: ballot.state === 'open' ? `${base}?budget=${encodeURIComponent(ballot.budgetId)}&change=1` : null,
    projectBase: `${base}/projects/`,
    resultsHref: ballot.publishedAt ? `${base}/results` : null,
    published: ballot.publishedAt !== null,
    funded: outcomes.filter((o) => o.funded),
    unfunded: outcomes.filter((o) => !o.funded),
  };
}
