import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Category, Person, RecordPerson } from '@tingsted/sortition';
import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { JobQueue } from '../jobs/jobs.ts';
import type { Logger } from '../shared/logger.ts';
import type { Clock } from '../shared/clock.ts';
import { localDate } from '../shared/dates.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { Locale } from '../i18n/locales.ts';
import { translate, type MessageKey } from '../i18n/translate.ts';
import { panelsRepository } from './panels.repository.ts';
import type { PanelStanding } from './panels.policy.ts';
import type { SelectionInput } from './selection.worker.ts';
import type { PanelsTable, RespondentStatus } from './panels.tables.ts';

/** A panel as stored. */
export type PanelRow = Selectable<PanelsTable>;

/** Where a panel stands, derived from what has happened so far. */
export type PanelStage = 'setup' | 'inviting' | 'registration' | 'selection' | 'working' | 'reported';

/** What the panels module needs from the platform. */
export interface PanelsDeps {
  readonly db: Db;
  readonly audit: AuditService;
  readonly processes: ProcessesService;
  readonly accounts: AccountsService;
  readonly mailer: Mailer;
  readonly jobs: JobQueue;
  readonly clock: Clock;
  readonly timeZone: string;
  readonly publicUrl: string;
  readonly logger: Logger;
  readonly municipality: () => Promise<{ name: string; defaultLocale: Locale }>;
  /** Seconds the selection may take before it stops with a time-limit failure. */
  readonly selectionTimeLimitSeconds?: number;
}

/** Panels in the published transparent-draw list. */
const lotteryPanels = 1000;

/** The stored form of a confirmation token (the token itself is only in the e-mail). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function stageOf(panel: PanelRow): PanelStage {
  if (panel.report_published_at) return 'reported';
  if (panel.drawn_at) return 'working';
  if (panel.selection) return 'selection';
  if (panel.invitations_drawn_at) return 'registration';
  if (panel.categories.length > 0) return 'inviting';
  return 'setup';
}

/** Per category value: population share, pool count, panel count. */
export function composition(panel: PanelRow, respondents: readonly { answers: Record<string, string>; status: RespondentStatus }[]) {
  const onPanel = respondents.filter((r) => r.status === 'selected' || r.status === 'confirmed');
  return panel.categories.map((category) => {
    const population = category.values.reduce((sum, v) => sum + (v.population ?? 0), 0);
    return {
      name: category.name,
      values: category.values.map((v) => ({
        value: v.value,
        min: v.min,
        max: v.max,
        populationShare: population > 0 ? (v.population ?? 0) / population : null,
        pool: respondents.filter((r) => r.answers[category.name] === v.value).length,
        panel: onPanel.filter((r) => r.answers[category.name] === v.value).length,
      })),
    };
  });
}

/** The pool as the sortition package reads it: respondent numbers as ids, households only under the rule. */
export function peopleOf(respondents: readonly { number: number; answers: Record<string, string>; household: string | null }[], householdRule: boolean): Person[] {
  return respondents.map((r) => ({ id: String(r.number), values: r.answers, ...(householdRule && r.household ? { household: r.household } : {}) }));
}

/**
 * The pool as the public record shows it: respondent numbers as pseudonyms, the category values, and under the
 * household rule a household label (h1, h2, … in order of first appearance) that tells who shares a household
 * without saying where anyone lives. Deterministic, so the same pool always gives the same hash.
 */
export function recordPoolOf(respondents: readonly { number: number; answers: Record<string, string>; household: string | null }[], householdRule: boolean): RecordPerson[] {
  const labels = new Map<string, string>();
  return respondents.map((r) => {
    if (!householdRule || !r.household) return { id: String(r.number), values: r.answers };
    let label = labels.get(r.household);
    if (label === undefined) {
      label = `h${labels.size + 1}`;
      labels.set(r.household, label);
    }
    return { id: String(r.number), values: r.answers, household: label };
  });
}

/** A panel's categories and quotas as the sortition package reads them (no census figures). */
export function categoriesOf(panel: PanelRow): Category[] {
  return panel.categories.map((c) => ({ name: c.name, values: c.values.map((v) => ({ value: v.value, min: v.min, max: v.max })) }));
}

/**
 * What the use-case files share: the dependencies, the repository, and the helpers for loading a panel with
 * its policy check, field errors, the audit log and e-mail. Built once per platform by `panelsService`.
 */
export function panelsContext(deps: PanelsDeps) {
  const repo = panelsRepository(deps.db);

  /** The actor's standing on a panel: named administrator (and whether its creator) and/or confirmed member. */
  async function standing(actor: Actor | null, panelId: string): Promise<PanelStanding> {
    if (!actor) return { administrator: false, member: false, creator: false };
    const [role, member, creator] = await Promise.all([repo.staffRole(panelId, actor.id), repo.memberOf(panelId, actor.id), repo.isCreator(panelId, actor.id)]);
    return { administrator: role === 'administrator', member: member !== undefined, creator };
  }

  /** The panel, when the actor is signed in and `rule` (from the policy) allows it. */
  async function allowed(actor: Actor | null, panelId: string, rule: (actor: Actor | null, standing: PanelStanding) => boolean): Promise<Result<PanelRow>> {
    if (!actor) return fail('NotSignedIn');
    const panel = await repo.findPanel(panelId);
    if (!panel) return fail('NotFound');
    if (!rule(actor, await standing(actor, panelId))) return fail('Forbidden');
    return ok(panel);
  }

  async function send(to: string, locale: Locale, subject: MessageKey, body: MessageKey | readonly MessageKey[], params: Record<string, string | number>, link: string) {
    const municipality = await deps.municipality();
    const all = { ...params, municipality: municipality.name };
    try {
      await deps.mailer.send({
        to,
        subject: `${translate(locale, subject, all)} – ${municipality.name}`,
        text: [(typeof body === 'string' ? [body] : body).map((key) => translate(locale, key, all)).join('\n\n'), `${deps.publicUrl}${link}`, '', translate(locale, 'mail.signature', { municipality: municipality.name })].join('\n'),
      });
    } catch (error) {
      deps.logger.warn({ err: { message: (error as Error).message } }, 'panel e-mail failed');
    }
  }

  return {
    deps,
    repo,
    /** Today in the municipality's time zone (YYYY-MM-DD). */
    today: () => localDate(deps.clock(), deps.timeZone),
    standing,
    allowed,
    /** A validation failure on one field. */
    invalid: (field: string, message: MessageKey, params?: Record<string, string | number>): Result<never> => fail('ValidationFailed', [{ field, message, ...(params ? { params } : {}) }]),
    /** Records `action` on the panel in the audit log. */
    async audit(actor: Actor | null, action: string, panelId: string, details: Record<string, unknown> = {}) {
      await deps.audit.record({ actorId: actor?.id ?? null, action, subjectType: 'panel', subjectId: panelId, details });
    },
    /** Sends one e-mail (its body one message or several paragraphs) with a link into the site; a failure is logged, not thrown. */
    send,
    /** Tells confirmed members (at their registered address) and followers (at their account's) what happened. */
    async notifyMembersAndFollowers(panel: PanelRow, subject: MessageKey, body: MessageKey, link: string) {
      const municipality = await deps.municipality();
      const members = (await repo.respondents(panel.id)).filter((r) => r.status === 'confirmed');
      const contacts = await repo.contactsOf(members.map((m) => m.id));
      const followers = await deps.accounts.contactsOf(await repo.followers(panel.id));
      const seen = new Set<string>();
      for (const contact of contacts) {
        if (seen.has(contact.email.toLowerCase())) continue;
        seen.add(contact.email.toLowerCase());
        await send(contact.email, municipality.defaultLocale, subject, body, { title: panel.title }, link);
      }
      for (const follower of followers) {
        if (seen.has(follower.email.toLowerCase()) || follower.notifyMode === 'none') continue;
        seen.add(follower.email.toLowerCase());
        await send(follower.email, follower.locale ?? municipality.defaultLocale, subject, body, { title: panel.title }, link);
      }
    },
    /** The selection problem of a panel: its pool, categories with quotas, size and rule, and the list length. */
    problemOf(panel: PanelRow, people: Person[]): SelectionInput {
      return { people, categories: categoriesOf(panel), k: panel.size, householdRule: panel.household_rule, m: lotteryPanels, timeLimitSeconds: deps.selectionTimeLimitSeconds ?? 600 };
    },
  };
}

/** The shared context every use-case file of the panels module receives. */
export type PanelsContext = ReturnType<typeof panelsContext>;
