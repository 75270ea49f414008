import type { Actor } from '../accounts/accounts.policy.ts';
import { blockedFailure } from '../shared/moderation-gate.ts';
import { fail, ok, type Failure, type Result } from '../shared/result.ts';
import { localMidnightAfter, type ProposalsContext } from './proposals.context.ts';
import type { ProposalRow, SettingsRow } from './proposals.repository.ts';

/**
 * Why a person may not sign under a phase's rules (a message key), or null. With areas, the area they told
 * must be one of them; with a minimum age, the year of birth they told must show it (by the calendar year).
 */
export function signingIneligibility(rules: Pick<SettingsRow, 'minAge' | 'areas'>, profile: { area: string | null; birthYear: number | null }, currentYear: number): string | null {
  if (rules.areas.length > 0) {
    if (profile.area === null) return 'proposals.sign.areaMissing';
    if (!rules.areas.includes(profile.area)) return 'proposals.sign.otherArea';
  }
  if (rules.minAge !== null && rules.minAge > 0) {
    if (profile.birthYear === null) return 'proposals.sign.birthYearMissing';
    if (currentYear - profile.birthYear < rules.minAge) return 'proposals.sign.tooYoung';
  }
  return null;
}

/** Signing a proposal (once, with or without one's name shown) and withdrawing the signature, until the deadline. */
export function signingUseCases(ctx: ProposalsContext) {
  const { deps, repo, proposalsPhase, visibleProposal } = ctx;

  /** The proposal while it collects signatures; else why not (a draft is not found; after the deadline it is closed). */
  async function signable(actor: Actor, id: string): Promise<Result<{ row: ProposalRow; authorIds: string[] }>> {
    const found = await visibleProposal(actor, id);
    if (!found || found.row.stage === 'draft' || found.row.hidden_at) return fail('NotFound');
    if (!found.row.deadline || found.row.deadline.getTime() <= deps.clock().getTime()) return fail('PhaseClosed', [{ field: 'signature', message: 'proposals.sign.deadlinePassed' }]);
    return ok(found);
  }

  return {
    /**
     * Signs a proposal: a confirmed account, not one of its authors, once, before the deadline, and eligible
     * under the phase's rules (age, area). The signature that reaches the threshold sends the proposal to the
     * municipality: staff are told, and the answer is due within the phase's answer time.
     */
    async signProposal(actor: Actor | null, input: { id: string; showName?: unknown }): Promise<Result<{ signatures: number; reachedThreshold: boolean }>> {
      if (!actor) return fail('NotSignedIn');
      const confirmed = await deps.accounts.requireConfirmed(actor);
      if (!confirmed.ok) return confirmed;
      const blocked = await deps.gate.blockOf(actor.id);
      if (blocked) return blockedFailure(blocked);
      const found = await signable(actor, input.id);
      if (!found.ok) return found;
      const { row, authorIds } = found.value;
      if (authorIds.includes(actor.id)) return fail('Forbidden', [{ field: 'signature', message: 'proposals.sign.own' }]);
      const phase = await proposalsPhase(row.phase_id);
      if (!phase.ok) return phase;
      const [profile] = await deps.accounts.residentProfilesOf([actor.id]);
      const now = deps.clock();
      const why = signingIneligibility(phase.value.settings, { area: profile?.area ?? null, birthYear: profile?.birthYear ?? null }, Number(now.toISOString().slice(0, 4)));
      if (why) return fail('Forbidden', [{ field: 'signature', message: why }]);
      const signed = await repo.sign({
        proposalId: row.id,
        userId: actor.id,
        showName: input.showName === true || input.showName === 'on' || input.showName === 'true',
        area: profile?.area ?? null,
        birthYear: profile?.birthYear ?? null,
        at: now,
        answerDue: localMidnightAfter(now, phase.value.settings.answerDays + 1, deps.timeZone),
      });
      if (!signed.added) return fail('AlreadySupported', [{ field: 'signature', message: 'proposals.sign.twice' }]);
      if (signed.reached) {
        const link = `/processes/${phase.value.processSlug}/proposals/${row.id}`;
        await deps.audit.record({ actorId: null, action: 'proposal.threshold_reached', subjectType: 'proposal', subjectId: row.id, details: { signatures: signed.count ?? 0 } });
        await deps.notifications.notify({
          userIds: await deps.accounts.userIdsWithRoles(['process_manager', 'decision_maker']),
          kind: 'proposal_submitted',
          subjectType: 'proposal',
          subjectId: row.id,
          payload: { proposalTitle: row.title, link },
        });
        await deps.notifications.notify({
          userIds: [...authorIds, ...(await repo.signerIds(row.id))],
          kind: 'proposal_reached',
          subjectType: 'proposal',
          subjectId: row.id,
          payload: { proposalTitle: row.title, link },
        });
      }
      return ok({ signatures: signed.count ?? 0, reachedThreshold: signed.reached });
    },

    /** Withdraws one's signature until the deadline. */
    async withdrawSignature(actor: Actor | null, input: { id: string }): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      const found = await signable(actor, input.id);
      if (!found.ok) return found;
      if (!(await repo.unsign(input.id, actor.id))) return fail('NotFound', [{ field: 'signature', message: 'proposals.sign.none' }]) as Failure;
      return ok(null);
    },
  };
}
