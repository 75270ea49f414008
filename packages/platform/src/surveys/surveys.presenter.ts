import type { Actor } from '../accounts/accounts.policy.ts';
import type { Phase } from '../processes/processes.service.ts';
import type { Question, QuestionResult } from './surveys.service.ts';
import { surveysPolicy } from './surveys.policy.ts';

/** What the actor may do with one survey phase (`open`: the phase is open and its process published). */
export function surveyCan(actor: Actor | null, phase: Pick<Phase, 'settings'>, open: boolean) {
  return {
    respond: open && surveysPolicy.respond(actor),
    build: surveysPolicy.build(actor),
    seeResults: surveysPolicy.seeResults(actor, phase),
    exportResponses: surveysPolicy.seeAllResults(actor),
  };
}

/** A survey phase as pages and the API show it, with what the actor may do. */
export function presentSurvey(phase: Phase, processPublished: boolean, actor: Actor | null) {
  const open = processPublished && phase.state === 'open';
  return { phaseId: phase.id, title: phase.title, state: phase.state, open, can: surveyCan(actor, phase, open) };
}

/** One question as the API shows it. */
export function presentQuestion(q: Question) {
  return { id: q.id, kind: q.kind, prompt: q.prompt, required: q.required, choices: q.options.choices ?? [], min: q.options.min ?? null, max: q.options.max ?? null };
}

/** A survey's results as the API shows them. */
export function presentResults(results: { respondents: number; questions: readonly QuestionResult[] }) {
  return {
    respondents: results.respondents,
    questions: results.questions.map((r) => ({ id: r.question.id, kind: r.question.kind, prompt: r.question.prompt, answered: r.answered, tallies: r.tallies, mean: r.mean, texts: r.texts })),
  };
}
