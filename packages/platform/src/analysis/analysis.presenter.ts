import type { OutputOf } from '../edge/contract.ts';
import type { analysisContracts } from './analysis.contract.ts';
import type { ActiveRunView, EndedRunView } from './analysis.service.ts';

type AnalysisOutput = OutputOf<typeof analysisContracts.analysisOf>;
type FinishedRun = Extract<NonNullable<AnalysisOutput['last']>, { state: 'done' }>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * A process's runs as the API shows them (`analysisContracts.analysisOf`'s output): dates as ISO text. Why a
 * run failed stays in the log and the database, as on the page: it may be an internal error's message.
 */
export function presentAnalysis(view: { readonly active: ActiveRunView | null; readonly last: EndedRunView | null }): AnalysisOutput {
  const { active, last } = view;
  return {
    active: active ? { id: active.id, state: active.state, requestedAt: active.requestedAt.toISOString() } : null,
    last:
      last === null
        ? null
        : last.state === 'failed'
          ? { id: last.id, state: last.state, finishedAt: iso(last.finishedAt) }
          : // The stored result is the schema's shape, read-only in the service's types.
            { id: last.id, state: last.state, seed: last.seed, startedAt: iso(last.startedAt), finishedAt: last.finishedAt.toISOString(), ideas: last.ideas, comments: last.comments, result: last.result as FinishedRun['result'] },
  };
}
