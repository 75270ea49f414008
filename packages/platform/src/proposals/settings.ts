import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { ProposalsContext } from './proposals.context.ts';
import { proposalsPolicy } from './proposals.policy.ts';
import type { SettingsRow } from './proposals.repository.ts';

/** A whole number in [min, max], or the field's error. */
function whole(value: unknown, field: string, min: number, max: number, errors: FieldError[]): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) errors.push({ field, message: 'field.between', params: { min, max } });
  return n;
}

/** A proposals phase's rules: threshold, signing period, answer time and who may sign (staff). */
export function settingsUseCases(ctx: ProposalsContext) {
  const { deps, repo, proposalsPhase } = ctx;
  return {
    /** The phase's rules (anyone who can see the phase: the page says them). */
    async proposalSettingsOf(_actor: Actor | null, input: { phaseId: string }): Promise<Result<SettingsRow>> {
      const phase = await proposalsPhase(input.phaseId);
      if (!phase.ok) return phase;
      return ok(phase.value.settings);
    },

    /**
     * Sets the phase's rules. Proposals already published keep the threshold and deadline they were published
     * with; the rules for signing (age, areas) apply to signatures from now on.
     */
    async setProposalSettings(
      actor: Actor | null,
      input: { phaseId: string; threshold: unknown; signingDays: unknown; answerDays: unknown; minAge?: unknown; areas?: unknown },
    ): Promise<Result<SettingsRow>> {
      if (!actor) return fail('NotSignedIn');
      if (!proposalsPolicy.manage(actor)) return fail('Forbidden');
      const phase = await proposalsPhase(input.phaseId);
      if (!phase.ok) return phase;
      const errors: FieldError[] = [];
      const threshold = whole(input.threshold, 'threshold', 1, 1_000_000, errors);
      const signingDays = whole(input.signingDays, 'signingDays', 1, 730, errors);
      const answerDays = whole(input.answerDays, 'answerDays', 1, 730, errors);
      const minAge = input.minAge === undefined || input.minAge === null || input.minAge === '' ? null : whole(input.minAge, 'minAge', 0, 120, errors);
      const known = await deps.areas();
      const areas = (Array.isArray(input.areas) ? input.areas : []).map((a) => (typeof a === 'string' ? a.trim() : '')).filter((a) => a !== '');
      if (areas.some((a) => !known.includes(a))) errors.push({ field: 'areas', message: 'field.unknownChoice' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const settings: SettingsRow = { threshold, signingDays, answerDays, minAge: minAge === 0 ? null : minAge, areas: [...new Set(areas)] };
      await repo.saveSettings(input.phaseId, settings, deps.clock());
      await deps.audit.record({ actorId: actor.id, action: 'proposals.settings_changed', subjectType: 'phase', subjectId: input.phaseId, details: { ...settings, areas: settings.areas.join(', ') } });
      return ok(settings);
    },
  };
}
