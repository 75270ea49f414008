/**
 * Replacements: when panel members drop out, the people who stay are fixed, the drop-outs are excluded,
 * and the free seats are filled by a fresh fair selection (LEXIMIN by default) so the whole panel still
 * meets every quota and the household rule.
 */
import type { SelectionProblem } from './model.ts';
import { select, type Selection, type SelectionFailure, type SelectOptions } from './select.ts';

/** Result of `drawReplacements`. */
export interface Replacement {
  readonly ok: true;
  /** The complete new panel, pool order. */
  readonly panel: readonly string[];
  /** The people newly added. */
  readonly replacements: readonly string[];
  /** The selection run that chose them (probabilities are those of the replacement draw). */
  readonly selection: Selection;
}

/**
 * Draws replacements for `dropouts` from the rest of the pool. People in `problem.excluded` stay excluded;
 * previous panel members who dropped out are excluded too.
 */
export async function drawReplacements(
  problem: SelectionProblem,
  panel: readonly string[],
  dropouts: readonly string[],
  options: SelectOptions = {},
): Promise<Replacement | SelectionFailure> {
  const onPanel = new Set(panel);
  for (const id of dropouts) {
    if (!onPanel.has(id)) return { ok: false, reason: 'invalid-input', detail: `drop-out "${id}" is not on the panel` };
  }
  const out = new Set(dropouts);
  const staying = panel.filter((id) => !out.has(id));
  const selection = await select(
    {
      ...problem,
      alreadySelected: staying,
      excluded: [...new Set([...(problem.excluded ?? []), ...dropouts])],
    },
    options,
  );
  if (!selection.ok) return selection;
  const stay = new Set(staying);
  return { ok: true, panel: selection.panel, replacements: selection.panel.filter((id) => !stay.has(id)), selection };
}
