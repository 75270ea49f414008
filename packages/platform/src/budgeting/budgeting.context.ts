import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { FeedbackService } from '../feedback/feedback.service.ts';
import { imageSizeOf, type FilesService, type ImageSize } from '../files/index.ts';
import type { IdeasService } from '../ideas/ideas.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { Phase, ProcessDetail, ProcessesService } from '../processes/processes.service.ts';
import { processesPolicy } from '../processes/index.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import type { Clock } from '../shared/clock.ts';
import { localDate } from '../shared/dates.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { budgetingRepository, type BudgetRow, type ProjectRow, type SettingsRow } from './budgeting.repository.ts';
import { budgetingPolicy } from './budgeting.policy.ts';
import { readPublished, type ProjectOutcome, type PublishedOutcome } from './published.ts';

/** What the budgeting module needs from the platform. */
export interface BudgetingDeps {
  readonly db: Db;
  readonly audit: AuditService;
  readonly accounts: Pick<AccountsService, 'getAccount' | 'getResidentProfile' | 'requireConfirmed'>;
  readonly processes: Pick<ProcessesService, 'getPhase' | 'movePhase'>;
  readonly ideas: Pick<IdeasService, 'findIdea' | 'imagesOf'>;
  readonly feedback: Pick<FeedbackService, 'statuses'>;
  /** Projects' own images are stored, listed, described and removed through the files module. */
  readonly files: Pick<FilesService, 'checkImage' | 'attachChecked' | 'detach' | 'listFor' | 'setAltText'>;
  readonly notifications: Pick<NotificationsService, 'notify'>;
  readonly clock: Clock;
  /** The municipality's time zone: phases open and close by its calendar (the processes module's state). */
  readonly timeZone: string;
}

/** A budgeting phase with its process and ballot design. */
export interface BudgetingPhase {
  readonly phase: Phase;
  readonly process: ProcessDetail;
  readonly settings: SettingsRow;
}

/** What a voter's ballot is checked against: the design, the budgets and the projects on each budget's ballot. */
export interface BallotPaper {
  readonly settings: SettingsRow;
  readonly budgets: readonly BudgetRow[];
  /** Eligible projects by budget id, by number. */
  readonly projects: ReadonlyMap<string, readonly ProjectRow[]>;
}

/** A picture shown with a project: its own (staff may remove it) or one of an idea it came from. */
export interface ProjectImage extends ImageSize {
  readonly url: string;
  readonly alt: string;
  readonly fileId: string;
  readonly own: boolean;
}

/** How long a server keeps a phase's ballot paper (as the processes module keeps phase details). */
const paperCacheMs = 2000;

/**
 * What the use-case files share: the dependencies, the repository, and the helpers that load a budgeting
 * phase (with its process and design row, created with the defaults on first use) and check the actor may
 * manage it, by the same rule as the process pages. Built once per platform by `budgetingService`.
 */
export function budgetingContext(deps: BudgetingDeps) {
  const repo = budgetingRepository(deps.db);
  /** Today's date where the municipality is. */
  const today = () => localDate(deps.clock(), deps.timeZone);

  /** The phase with its process and design when it is a budgeting phase, else null (no visibility check). */
  async function budgetingPhase(phaseId: string): Promise<BudgetingPhase | null> {
    const found = await deps.processes.getPhase(phaseId);
    if (!found || found.phase.method !== 'budgeting') return null;
    const settings = (await repo.settingsOf(phaseId)) ?? (await repo.ensureSettings(phaseId));
    return { ...found, settings };
  }

  // Casting a ballot reads the design, the budgets and the projects on the ballot: a two-second cache takes that
  // off the database when many vote at once. Every change to them is a staff action, audited through `audit`
  // below, which clears the cache on this server; other servers see a change within two seconds (and the
  // design, budgets and projects are locked once ballots exist for them). Entries hold the promise, so the
  // requests that arrive while a read is under way share it.
  const paperCache = new Map<string, { at: number; paper: Promise<BallotPaper> }>();

  /** The phase's ballot paper, read at most every two seconds per server. */
  function ballotPaper(phaseId: string): Promise<BallotPaper> {
    const hit = paperCache.get(phaseId);
    if (hit && Date.now() - hit.at < paperCacheMs) return hit.paper;
    const paper = (async (): Promise<BallotPaper> => {
      const [settings, budgets, projects] = await Promise.all([repo.ensureSettings(phaseId), repo.budgetsOf(phaseId), repo.ballotProjectsOfPhase(phaseId)]);
      const byBudget = new Map<string, ProjectRow[]>(budgets.map((b) => [b.id, []]));
      for (const p of projects) byBudget.get(p.budget_id)?.push(p);
      return { settings, budgets, projects: byBudget };
    })();
    if (paperCache.size > 200) paperCache.clear();
    paperCache.set(phaseId, { at: Date.now(), paper });
    // A failed read is not kept.
    paper.catch(() => paperCache.delete(phaseId));
    return paper;
  }

  /** A budgeting phase the actor may see, with its ballot paper (from the short cache), for voting. */
  async function votingPhase(actor: Actor | null, phaseId: string): Promise<Result<{ phase: Phase; process: ProcessDetail; paper: BallotPaper }>> {
    const found = await deps.processes.getPhase(phaseId);
    if (!found || found.phase.method !== 'budgeting' || !processesPolicy.visibleStatuses(actor).includes(found.process.status)) return fail('NotFound');
    return ok({ ...found, paper: await ballotPaper(phaseId) });
  }

  /** A budgeting phase the actor may see (its process is published or closed, or the actor manages processes). */
  async function visiblePhase(actor: Actor | null, phaseId: string): Promise<Result<BudgetingPhase>> {
    const found = await budgetingPhase(phaseId);
    if (!found || !processesPolicy.visibleStatuses(actor).includes(found.process.status)) return fail('NotFound');
    return ok(found);
  }

  /** A budgeting phase the actor manages: NotSignedIn, Forbidden or NotFound otherwise. */
  async function managedPhase(actor: Actor | null, phaseId: string): Promise<Result<BudgetingPhase & { actor: Actor }>> {
    if (!actor) return fail('NotSignedIn');
    if (!budgetingPolicy.manage(actor)) return fail('Forbidden');
    const found = await budgetingPhase(phaseId);
    if (!found) return fail('NotFound');
    return ok({ ...found, actor });
  }

  /** A budget with its phase, for a manager. */
  async function managedBudget(actor: Actor | null, budgetId: string): Promise<Result<BudgetingPhase & { actor: Actor; budget: BudgetRow }>> {
    if (!actor) return fail('NotSignedIn');
    if (!budgetingPolicy.manage(actor)) return fail('Forbidden');
    const budget = await repo.findBudget(budgetId);
    if (!budget) return fail('NotFound');
    const found = await managedPhase(actor, budget.phase_id);
    return found.ok ? ok({ ...found.value, budget }) : found;
  }

  /** A project with its phase, for a manager. */
  async function managedProject(actor: Actor | null, projectId: string): Promise<Result<BudgetingPhase & { actor: Actor; project: ProjectRow }>> {
    if (!actor) return fail('NotSignedIn');
    if (!budgetingPolicy.manage(actor)) return fail('Forbidden');
    const project = await repo.findProject(projectId);
    if (!project) return fail('NotFound');
    const found = await managedPhase(actor, project.phase_id);
    return found.ok ? ok({ ...found.value, project }) : found;
  }

  /** Records a staff action in the audit trail (and forgets the cached ballot papers: the action may change one). */
  async function audit(actor: Actor, action: string, subjectType: string, subjectId: string, details: Record<string, unknown> = {}) {
    paperCache.clear();
    await deps.audit.record({ actorId: actor.id, action: `budgeting.${action}`, subjectType, subjectId, details });
  }

  /** The published results of budgets (the latest of each), by budget id; budgets without one are left out. */
  async function publishedOf(budgetIds: readonly string[]): Promise<Map<string, PublishedOutcome>> {
    const rows = await repo.publishedResultsOf(budgetIds);
    return new Map(rows.map((r) => [r.budget_id, readPublished(r.result)]));
  }

  /** A project's outcome in its budget's published result; null before publication (or when it was not counted). */
  async function publishedOutcome(project: Pick<ProjectRow, 'id' | 'budget_id'>): Promise<ProjectOutcome | null> {
    return (await publishedOf([project.budget_id])).get(project.budget_id)?.projects.get(project.id) ?? null;
  }

  /**
   * The pictures shown with each project (served at /files/{id}, public): its own images, oldest first, then
   * the images of the ideas it came from. An own image's alt text is in the language it was written in.
   */
  async function imagesOf(projects: readonly Pick<ProjectRow, 'id' | 'source_idea_ids' | 'image_order'>[]): Promise<Map<string, ProjectImage[]>> {
    const [own, images] = await Promise.all([
      deps.files.listFor('budget_project', projects.map((p) => p.id)),
      deps.ideas.imagesOf([...new Set(projects.flatMap((p) => p.source_idea_ids))]),
    ]);
    const ownOf = new Map<string, ProjectImage[]>();
    for (const file of own) {
      if (file.kind !== 'image') continue;
      const list = ownOf.get(file.ownerId) ?? [];
      list.push({ url: `/files/${file.id}`, alt: Object.values(file.altText)[0] ?? '', fileId: file.id, own: true, ...imageSizeOf(file) });
      ownOf.set(file.ownerId, list);
    }
    const picturesOf = (ideaIds: readonly string[]) =>
      ideaIds.flatMap((id) => {
        const image = images.get(id);
        return image ? [{ url: `/files/${image.id}`, alt: image.alt, fileId: image.id, own: false, ...imageSizeOf(image) }] : [];
      });
    // Own images in the order staff put them; those not in it (added since) follow, oldest first.
    const ordered = (p: (typeof projects)[number]) => {
      const list = ownOf.get(p.id) ?? [];
      const at = (id: string) => (p.image_order.includes(id) ? p.image_order.indexOf(id) : p.image_order.length);
      return list.map((image, i) => ({ image, i })).sort((a, b) => at(a.image.fileId) - at(b.image.fileId) || a.i - b.i).map((x) => x.image);
    };
    return new Map(projects.map((p) => [p.id, [...ordered(p), ...picturesOf(p.source_idea_ids)]] as const));
  }

  return { deps, repo, today, imagesOf, votingPhase, budgetingPhase, visiblePhase, managedPhase, managedBudget, managedProject, audit, publishedOf, publishedOutcome };
}

export type BudgetingContext = ReturnType<typeof budgetingContext>;

/** The language a text is written in: the input's, else Norwegian Bokmål. */
export function localeOf(value: unknown): Locale {
  return isLocale(value) ? value : 'nb';
}

/** A text set in one language, the others kept. Empty text removes that language. */
export function withText(current: LocalizedText, locale: Locale, text: string): LocalizedText {
  const next: LocalizedText = { ...current };
  const trimmed = text.trim();
  if (trimmed === '') delete next[locale];
  else next[locale] = trimmed;
  return next;
}
