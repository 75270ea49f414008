import type { OutputOf } from '../edge/contract.ts';
import type { summaryContracts, textProviderContracts } from './summaries.contract.ts';
import type { SummaryView } from './summaries.ts';
import type { TextProviderView } from './text-provider.ts';

type SummaryOutput = OutputOf<typeof summaryContracts.saveSummary>;

/** A summary as the API shows it: dates as ISO text. */
export function presentSummary(view: SummaryView): SummaryOutput {
  return {
    ...view,
    sentences: view.sentences.map((s) => ({ ...s, sources: [...s.sources] })),
    savedAt: view.savedAt?.toISOString() ?? null,
    publishedAt: view.publishedAt?.toISOString() ?? null,
  };
}

/** The provider's settings as the API shows them (no key). */
export function presentTextProvider(view: TextProviderView): OutputOf<typeof textProviderContracts.textProviderOf> {
  return { ...view, updatedAt: view.updatedAt?.toISOString() ?? null };
}
