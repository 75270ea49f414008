import type { Actor } from '../accounts/index.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { StakeholdersContext } from './stakeholders.context.ts';
import { stakeholdersPolicy } from './stakeholders.policy.ts';
import { presentPanel, type PresentedPanel } from './stakeholders.presenter.ts';

/** Setting up a stakeholder panel, and what the actor may do in it. */
export function panelUseCases(ctx: StakeholdersContext) {
  const { deps, repo } = ctx;
  return {
    /** Creates or updates the panel of a stakeholder phase (facilitators). */
    async setUpPanel(actor: Actor | null, phaseId: string, input: { inviteLimit: unknown }): Promise<Result<{ id: string }>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      const found = await deps.processes.getPhase(phaseId);
      if (!found || found.phase.method !== 'stakeholders') return fail('NotFound');
      const limit = typeof input.inviteLimit === 'number' ? input.inviteLimit : typeof input.inviteLimit === 'string' && /^\d{1,2}$/.test(input.inviteLimit.trim()) ? Number(input.inviteLimit) : NaN;
      if (!Number.isInteger(limit) || limit < 0 || limit > 50) return fail('ValidationFailed', [{ field: 'inviteLimit', message: 'stakeholders.panel.limitRange' }]);
      const id = await repo.upsertPanel(phaseId, found.process.id, limit);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.panel_set_up', subjectType: 'stakeholder_panel', subjectId: id, details: { inviteLimit: limit } });
      return ok({ id });
    },

    /** The panel of a stakeholder phase, if it has been set up. */
    panelForPhase: (phaseId: string) => repo.panelByPhase(phaseId),
    /** The panels of a process, oldest first. */
    panelsOfProcess: (processId: string) => repo.panelsOfProcess(processId),

    /**
     * The panel as the actor sees it, with their place in it and what they may do (`can`); for its members,
     * its facilitators and anyone who may see its process.
     */
    async viewPanel(actor: Actor | null, panelId: string): Promise<Result<PresentedPanel>> {
      const panel = await repo.findPanel(panelId);
      const process = panel ? await deps.processes.getProcessById(panel.process_id) : null;
      if (!panel || !process) return fail('NotFound');
      const me = await ctx.member(actor, panelId);
      if (!me && !stakeholdersPolicy.facilitate(actor) && !(await deps.processes.getProcess(actor, process.slug)).ok) return fail('NotFound');
      return ok(presentPanel(panel, actor, me ? { id: me.id, role: me.role, invitesLeft: me.invites_left } : null));
    },

    /** What the actor may do in the panel. */
    async roleIn(actor: Actor | null, panelId: string) {
      const me = await ctx.member(actor, panelId);
      return { facilitator: stakeholdersPolicy.facilitate(actor), decisionMaker: stakeholdersPolicy.decide(actor), stakeholder: me ? { id: me.id, invitesLeft: me.invites_left, role: me.role } : null };
    },
  };
}
