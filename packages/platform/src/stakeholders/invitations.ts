import { randomBytes } from 'node:crypto';
import type { Actor } from '../accounts/index.ts';
import type { Locale } from '../i18n/locales.ts';
import { translate } from '../i18n/translate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { checkEmail } from '../shared/validate.ts';
import { sha256, text, type StakeholdersContext } from './stakeholders.context.ts';
import { stakeholdersPolicy } from './stakeholders.policy.ts';
import { stakeholderLimits } from './stakeholders.types.ts';

/**
 * Invitations by e-mail with a role, onward invitations up to the panel's limit, joining from the link, and
 * the chain of who invited whom.
 */
export function invitationUseCases(ctx: StakeholdersContext) {
  const { deps, repo } = ctx;
  return {
    /**
     * Invites someone by e-mail with a role. Facilitators invite freely; an invited stakeholder may invite
     * others while they have invitations left (the panel's limit). The invitee gets a link to join.
     */
    async invite(actor: Actor | null, panelId: string, input: { email: unknown; role: unknown; locale?: Locale }): Promise<Result<{ id: string }>> {
      if (!actor) return fail('NotSignedIn');
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      const facilitator = stakeholdersPolicy.facilitate(actor);
      const me = facilitator ? null : await ctx.member(actor, panelId);
      if (!facilitator && !me) return fail('Forbidden');
      const errors: FieldError[] = [];
      const email = checkEmail(input.email);
      if ('error' in email) errors.push(email.error);
      const role = text(input.role, 'role', stakeholderLimits.role, errors);
      if (me && me.invites_left <= 0) errors.push({ field: 'email', message: 'stakeholders.invite.limitReached', params: { limit: panel.invite_limit } });
      if (errors.length > 0 || 'error' in email) return fail('ValidationFailed', errors);
      const token = randomBytes(24).toString('base64url');
      const id = await repo.insertInvitation({ panelId, role, email: email.value, tokenHash: sha256(token), invitesLeft: panel.invite_limit, byStakeholder: me?.id ?? null, byUser: actor.id });
      if (id === 'limit') return fail('ValidationFailed', [{ field: 'email', message: 'stakeholders.invite.limitReached', params: { limit: panel.invite_limit } }]);
      if (id === 'duplicate') return fail('ValidationFailed', [{ field: 'email', message: 'stakeholders.invite.duplicate' }]);
      const process = await deps.processes.getProcessById(panel.process_id);
      const locale = input.locale ?? 'nb';
      const municipality = await deps.municipality();
      const title = process ? (process.title[locale] ?? Object.values(process.title)[0] ?? '') : '';
      await deps.mailer.send({
        to: email.value,
        subject: translate(locale, 'stakeholders.mail.subject', { process: title, municipality }),
        text: [
          translate(locale, 'stakeholders.mail.body', { process: title, role }),
          `${deps.publicUrl}/processes/${process?.slug ?? ''}/stakeholders/join?token=${token}`,
          '',
          translate(locale, 'mail.signature', { municipality }),
        ].join('\n'),
      });
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.invited', subjectType: 'stakeholder_panel', subjectId: panelId, details: { stakeholderId: id, role } });
      return ok({ id });
    },

    /**
     * Brings in a stakeholder who joined elsewhere (an earlier panel, a paper list, a seed), without an
     * invitation e-mail. For the municipality's own imports, not for residents.
     */
    async importStakeholder(input: { panelId: string; userId: string; role: string; name: string; speaksFor: string; introduction: string }): Promise<string> {
      const existing = await repo.stakeholderByUser(input.panelId, input.userId);
      if (existing) return existing.id;
      const panel = await repo.findPanel(input.panelId);
      const id = await repo.insertJoined({ ...input, invitesLeft: panel?.invite_limit ?? 0 });
      return id;
    },

    /** The invitation behind a link, if it is still unused (for the join page). */
    async invitation(token: string) {
      const row = await repo.stakeholderByToken(sha256(token));
      if (!row) return null;
      // Who invited: the stakeholder by the name they joined with; null when the facilitators did.
      const inviter = row.invited_by_stakeholder ? await repo.stakeholderById(row.invited_by_stakeholder) : undefined;
      return { panelId: row.panel_id, role: row.role, invitedBy: inviter?.name ?? null };
    },

    /** The invitee joins with their account and writes their public introduction. */
    async acceptInvitation(actor: Actor | null, token: string, input: { name: unknown; speaksFor: unknown; introduction: unknown }): Promise<Result<{ panelId: string }>> {
      if (!actor) return fail('NotSignedIn');
      const row = await repo.stakeholderByToken(sha256(token));
      if (!row) return fail('TokenInvalid');
      if (await repo.stakeholderByUser(row.panel_id, actor.id)) return fail('Conflict');
      const errors: FieldError[] = [];
      const name = text(input.name, 'name', stakeholderLimits.name, errors);
      const speaksFor = text(input.speaksFor, 'speaksFor', stakeholderLimits.speaksFor, errors);
      const introduction = text(input.introduction, 'introduction', stakeholderLimits.introduction, errors, true, 10);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      if (!(await repo.acceptInvitation(row.id, { userId: actor.id, name, speaksFor, introduction }))) return fail('TokenUsed');
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.joined', subjectType: 'stakeholder_panel', subjectId: row.panel_id, details: { stakeholderId: row.id } });
      return ok({ panelId: row.panel_id });
    },

    /** The chain of invitations (facilitators only; shows e-mail addresses of pending invitations: audited). */
    async invitationChain(actor: Actor | null, panelId: string): Promise<Result<{ id: string; role: string; name: string | null; email: string | null; invitedBy: string | null; invitesLeft: number; joined: boolean; depth: number }[]>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      const rows = await repo.stakeholders(panelId);
      const emails = new Map((await repo.invitationEmails(panelId)).map((e) => [e.stakeholder_id, e.email]));
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.chain_read', subjectType: 'stakeholder_panel', subjectId: panelId });
      const byId = new Map(rows.map((r) => [r.id, r]));
      const depth = (id: string, seen = 0): number => {
        const parent = byId.get(id)?.invited_by_stakeholder;
        return parent && seen < 50 ? 1 + depth(parent, seen + 1) : 0;
      };
      // Depth-first: each invitee right under the person who invited them.
      const ordered: typeof rows = [];
      const visit = (parent: string | null) => {
        for (const r of rows.filter((x) => x.invited_by_stakeholder === parent)) {
          ordered.push(r);
          visit(r.id);
        }
      };
      visit(null);
      return ok(
        ordered.map((r) => ({
          id: r.id,
          role: r.role,
          name: r.name,
          email: r.joined_at ? null : (emails.get(r.id) ?? null),
          invitedBy: r.invited_by_stakeholder ? (byId.get(r.invited_by_stakeholder)?.name ?? byId.get(r.invited_by_stakeholder)?.role ?? null) : null,
          invitesLeft: r.invites_left,
          joined: r.joined_at !== null,
          depth: depth(r.id),
        })),
      );
    },
  };
}
