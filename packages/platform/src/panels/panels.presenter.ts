// Panels as pages and the API show them, each with what the actor may do (`can`, from the panels policy).
// The shapes are the schemas of panels.schemas.ts; dates are ISO strings so both edges print them alike.
import type { LotteryRecord } from '@tingsted/sortition';
import type { Actor } from '../accounts/accounts.policy.ts';
import { quotasText } from './panels.csv.ts';
import { panelsPolicy, type PanelStanding } from './panels.policy.ts';
import type { PanelSelection } from './panels.tables.ts';
import type { PanelsService } from './panels.service.ts';

type Ok<T> = T extends { ok: true; value: infer V } ? V : never;
type Value<K extends keyof PanelsService> = Ok<Awaited<ReturnType<PanelsService[K]>>>;

const iso = (date: Date | string) => (typeof date === 'string' ? date : date.toISOString());

/** The solver's last progress report ({"phase":…,"seconds":…}) as phase and elapsed seconds. */
function progressOf(progress: string): { phase: string; seconds: number } | null {
  try {
    const parsed = JSON.parse(progress) as { phase?: unknown; seconds?: unknown };
    return typeof parsed.phase === 'string' && typeof parsed.seconds === 'number' ? { phase: parsed.phase, seconds: Math.round(parsed.seconds) } : null;
  } catch {
    return progress === 'rounding' ? { phase: 'rounding', seconds: 0 } : null;
  }
}

/** The selection job's state: progress while it runs, the probabilities when ready, the relaxation when infeasible. */
export function presentSelection(selection: PanelSelection | null) {
  if (!selection) return null;
  switch (selection.state) {
    case 'ready':
      return { state: selection.state, minProbability: selection.minProbability, maxProbability: selection.maxProbability, m: selection.m, seconds: selection.seconds, poolSize: selection.poolSize };
    case 'infeasible':
      return { state: selection.state, detail: selection.detail, relaxation: selection.relaxation.map((r) => ({ ...r })) };
    case 'failed':
      return { state: selection.state, detail: selection.detail };
    case 'queued':
    case 'running':
      return { state: selection.state, progress: progressOf(selection.progress) };
  }
}

/** A presented selection state. */
export type PresentedSelection = NonNullable<ReturnType<typeof presentSelection>>;

/** The staff page's panel: settings, progress of each stage, members (no personal data), and `can`. */
export function presentStaffPanel(v: Value<'getPanelForStaff'>, actor: Actor | null) {
  const standing: PanelStanding = { administrator: v.administrator, member: false };
  return {
    id: v.panel.id,
    processId: v.panel.process_id,
    title: v.panel.title,
    stage: v.stage,
    size: v.panel.size,
    householdRule: v.panel.household_rule,
    approvalPercent: v.panel.approval_percent,
    endsOn: v.panel.ends_on,
    deletePoolOn: v.panel.delete_pool_on,
    consentText: v.panel.consent_text,
    quotas: quotasText(v.panel.categories),
    hasCategories: v.panel.categories.length > 0,
    invitationSeed: v.panel.invitation_seed,
    invitationsDrawn: v.panel.invitations_drawn_at !== null,
    lotteryHash: v.panel.lottery_hash,
    hashPublished: v.panel.hash_published_at !== null,
    announcedAt: v.panel.hash_published_at ? iso(v.panel.hash_published_at) : null,
    poolHash: v.panel.pool_hash,
    seedSource: v.panel.seed_source,
    seedNotBefore: v.panel.seed_not_before ? iso(v.panel.seed_not_before) : null,
    publicSeed: v.panel.public_seed,
    drawnIndex: v.panel.drawn_index,
    drawn: v.panel.drawn_at !== null,
    poolDeleted: v.panel.pool_deleted_at !== null,
    sessions: v.sessions.map((s) => ({ id: s.id, title: s.title, startsAt: iso(s.starts_at), endsAt: iso(s.ends_at), mode: s.mode, place: s.place })),
    registerRows: v.registerRows,
    invited: v.invited,
    responded: v.responded,
    byArea: v.byArea,
    poolSize: v.poolSize,
    selection: presentSelection(v.panel.selection),
    members: v.members,
    composition: v.composition,
    replacements: v.replacements.map((r) => ({ dropped: r.dropped_number, replacement: r.replacement_number, reason: r.reason, at: iso(r.at) })),
    can: panelsPolicy.can(actor, standing),
  };
}

/** A presented staff panel. */
export type PresentedStaffPanel = ReturnType<typeof presentStaffPanel>;

/** The pool with contact details, for administrators. */
export function presentPool(v: Value<'listPool'>) {
  return {
    categories: v.categories,
    deleteOn: v.deleteOn,
    deleted: v.deletedAt !== null,
    rows: v.rows.map((r) => ({ number: r.number, answers: r.answers, status: r.status, name: r.name ?? '', email: r.email ?? '', phone: r.phone ?? '', registeredAt: iso(r.registered_at), channel: r.channel, enteredBy: r.enteredByName })),
  };
}

/** The members' workspace, with `can` from the actor's standing. */
export function presentWorkspace(v: Value<'workspace'>, actor: Actor | null) {
  return {
    panel: v.panel,
    quorum: v.quorum,
    member: v.member,
    sessions: v.sessions.map((s) => ({ id: s.id, title: s.title, startsAt: iso(s.starts_at), endsAt: iso(s.ends_at), mode: s.mode, place: s.place, streamUrl: s.stream_url, programme: s.programme })),
    items: v.items.map((i) => ({ id: i.id, sessionId: i.session_id, kind: i.kind, title: i.title, body: i.body, link: i.link, source: i.source, smallGroup: i.small_group })),
    recommendations: v.recommendations.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      body: r.body,
      status: r.status,
      yes: r.yes_votes,
      no: r.no_votes,
      abstain: r.abstentions,
      voted: r.yes_votes + r.no_votes + r.abstentions,
      members: r.members,
      quorum: r.quorum,
      amendments: r.amendments.map((a) => ({ id: a.id, body: a.body, rationale: a.rationale, status: a.status, createdAt: iso(a.created_at) })),
      myVote: r.myVote,
    })),
    can: panelsPolicy.can(actor, v.standing),
  };
}

/** A presented workspace. */
export type PresentedWorkspace = ReturnType<typeof presentWorkspace>;

/** The public panel page, with `can` (follow, respond, manage) for the actor. */
export function presentPublicPanel(v: Value<'publicPanel'>, actor: Actor | null) {
  const { standing, ...rest } = v;
  return {
    ...rest,
    method: {
      ...v.method,
      hashPublishedAt: v.method.hashPublishedAt ? iso(v.method.hashPublishedAt) : null,
      seedNotBefore: v.method.seedNotBefore ? iso(v.method.seedNotBefore) : null,
      drawnAt: v.method.drawnAt ? iso(v.method.drawnAt) : null,
    },
    sessions: v.sessions.map((s) => ({ ...s, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) })),
    can: panelsPolicy.can(actor, standing),
  };
}

/** A presented public panel. */
export type PresentedPublicPanel = ReturnType<typeof presentPublicPanel>;


/** The public record of an announced draw as the API and the download give it (`tingsted-lottery-record/1`). */
export function presentLotteryRecord(r: LotteryRecord) {
  return {
    format: r.format,
    panel: { id: r.panel.id, title: r.panel.title },
    k: r.k,
    householdRule: r.householdRule,
    algorithm: { name: r.algorithm.name, version: r.algorithm.version },
    categories: r.categories.map((c) => ({ name: c.name, values: c.values.map((v) => ({ value: v.value, min: v.min, max: v.max })) })),
    pool: r.pool.map((p) => ({ id: p.id, values: { ...p.values }, ...(p.household !== undefined ? { household: p.household } : {}) })),
    poolHash: r.poolHash,
    lottery: { m: r.lottery.m, text: r.lottery.text, hash: r.lottery.hash },
    seed: { source: r.seed.source, notBefore: r.seed.notBefore, value: r.seed.value },
    announcedAt: r.announcedAt,
    drawn: r.drawn ? { at: r.drawn.at, index: r.drawn.index, selected: [...r.drawn.selected] } : null,
  };
}
