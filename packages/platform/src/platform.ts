import { join } from 'node:path';
import { changeClockOf, createDatabase, databaseUrlOf, migrateToLatest, notify, type Db } from './db/database.ts';
import { startChangeFeed, type ChangeClock } from './db/changes.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts';
import { auditService } from './audit/audit.service.ts';
import { accountsService } from './accounts/accounts.service.ts';
import { municipalityService } from './municipality/municipality.service.ts';
import { processesService } from './processes/processes.service.ts';
import { ideasService } from './ideas/ideas.service.ts';
import { feedbackService } from './feedback/feedback.service.ts';
import { notificationsService } from './notifications/notifications.service.ts';
import { surveysService } from './surveys/surveys.service.ts';
import { budgetingService } from './budgeting/index.ts';
import { filesService } from './files/files.service.ts';
import { conversationsService, recomputeJob } from './conversations/conversations.service.ts';
import { createRecomputeRunner } from './conversations/recompute.ts';
import { createResultsFeed } from './conversations/results-feed.ts';
import { createMeetingFeed, type MeetingFeed } from './stakeholders/meeting-feed.ts';
import { stakeholdersService } from './stakeholders/stakeholders.service.ts';
import { definePanelJobs, defineRetentionJob, panelsService } from './panels/index.ts';
import { censusService } from './census/index.ts';
import { analysisExpirySeconds, analysisJob, analysisService } from './analysis/analysis.service.ts';
import type { TextProviderConfig } from './analysis/text-provider.ts';
import { personalDataUseCases, reportsService, type PersonalDataService, type ReportsService } from './reports/index.ts';
import { createModerationGate, moderationService } from './moderation/index.ts';
import { defineProposalJobs, proposalsService } from './proposals/index.ts';
import { defineEventJobs, eventsService } from './events/index.ts';
import { defineUpdateJobs, updatesService } from './updates/index.ts';
import { localDiskStore, type FileStore } from './files/files.store.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { createJobQueue, type JobQueue } from './jobs/jobs.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import type { Logger } from './shared/logger.ts';

/** Least time between the starts of two recomputes of one conversation on a server. */
const recomputeSpacingMs = 1000;

/** Where the platform keeps its data and how it reaches the world. */
export interface PlatformConfig {
  /** A PostgreSQL ≥ 15 URL; without it an embedded PostgreSQL runs in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** Local folder for the embedded database, uploads and the mail outbox. */
  readonly dataDir: string;
  /** The address people use to reach the site, for links in e-mails. */
  readonly publicUrl: string;
  readonly smtpUrl?: string | undefined;
  readonly mailFrom: string;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly maxConnections?: number;
  /** The municipality's time zone: phases open and close by its calendar. Default Europe/Oslo. */
  readonly timeZone?: string;
  /** Where uploads are kept; default: the `uploads` folder in `dataDir`. */
  readonly fileStore?: FileStore;
  /** A mailer to use instead of the configured one (tests). */
  readonly mailer?: Mailer;
  /** How often idle job workers poll; default 1 s (tests use less). */
  readonly jobPollingSeconds?: number;
  /** A model provider for the analysis (TEXT_PROVIDER_URL …); without it, the administrator's settings, off by default. */
  readonly textProvider?: TextProviderConfig | undefined;
}

/** Every domain service, wired to one database. */
export interface Platform {
  readonly db: Db;
  readonly audit: ReturnType<typeof auditService>;
  readonly accounts: ReturnType<typeof accountsService>;
  readonly municipality: ReturnType<typeof municipalityService>;
  readonly processes: ReturnType<typeof processesService>;
  readonly ideas: ReturnType<typeof ideasService>;
  /** Feedback's use cases; `youSaidWeDid` and `participationReport` are the read models in `reports`, under their old names. */
  readonly feedback: ReturnType<typeof feedbackService> & Pick<ReportsService, 'youSaidWeDid' | 'participationReport'>;
  readonly notifications: ReturnType<typeof notificationsService>;
  readonly surveys: ReturnType<typeof surveysService>;
  /** Participatory budgeting: ballot design, projects, ballots, results and delivery (one function per contract). */
  readonly budgeting: ReturnType<typeof budgetingService>;
  readonly files: ReturnType<typeof filesService>;
  readonly conversations: ReturnType<typeof conversationsService>;
  /** Citizen proposals: drafting with co-authors, signatures against a threshold, the municipality's answer. */
  readonly proposals: ReturnType<typeof proposalsService>;
  /** Reports, the moderators' queue and their actions on ideas, comments, statements and proposals; blocks. */
  readonly moderation: ReturnType<typeof moderationService>;
  /** New conversation results, heard from PostgreSQL (LISTEN/NOTIFY), for live results views. */
  readonly conversationResults: ReturnType<typeof createResultsFeed>;
  readonly meetingFeed: MeetingFeed;
  /**
   * The data version: moves after every committed write on this server or, through PostgreSQL (LISTEN/NOTIFY),
   * on any server sharing the database once `listenForChanges` runs. Caches of public views compare it
   * (db/changes.ts).
   */
  readonly changes: ChangeClock;
  /** Joins the other servers of the database: tells them of writes here and hears theirs (the server calls it). */
  listenForChanges(): Promise<void>;
  readonly stakeholders: ReturnType<typeof stakeholdersService>;
  readonly panels: ReturnType<typeof panelsService>;
  readonly analysis: ReturnType<typeof analysisService>;
  /** The census (imported once a year) against who took part, and the outreach alert. */
  readonly census: ReturnType<typeof censusService>;
  /** Events with sign-up, waiting lists, reminders, attendance and minutes. */
  readonly events: ReturnType<typeof eventsService>;
  /** Updates staff send to a process's participants and followers, now or at a time; unsubscribing from them. */
  readonly updates: ReturnType<typeof updatesService>;
  /** Read models over several modules: "you said, we did", the participation report, exports, one's own data. */
  readonly reports: ReportsService & PersonalDataService;
  readonly mailer: Mailer;
  /** Background jobs; the server calls `jobs.startWorkers()` to run them. */
  readonly jobs: JobQueue;
  readonly config: PlatformConfig;
  /** Reports whether the database answers, for /healthz. */
  checkDatabase(): Promise<{ ok: boolean; latencyMs: number }>;
  close(): Promise<void>;
}

/** Wires the services to an open database handle. */
export function createPlatform(db: Db, config: PlatformConfig, onClose: () => Promise<void> = async () => undefined): Platform {
  const clock = config.clock ?? systemClock;
  const audit = auditService(db);
  const mailer =
    config.mailer ??
    createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: join(config.dataDir, 'outbox'), logger: config.logger });
  const municipality = municipalityService({ db, audit });
  // The site's address without a trailing slash, and the municipality as mail and letters name it.
  const publicUrl = config.publicUrl.replace(/\/$/, '');
  const sender = async () => {
    const m = await municipality.get();
    return { name: m.name, defaultLocale: m.defaultLocale };
  };
  const accounts = accountsService({
    db,
    audit,
    mailer,
    clock,
    publicUrl,
    municipality: () => municipality.get(),
  });
  const timeZone = config.timeZone ?? 'Europe/Oslo';
  // What residents made in a phase, from the modules built below (asked only when a phase is removed).
  const inputsOfPhase = async (phaseId: string): Promise<number> => {
    const counts = await Promise.all([ideas, surveys, proposals, conversations, budgeting].map((module) => module.inputsOfPhase(phaseId)));
    return counts.reduce((sum, n) => sum + n, 0);
  };
  const processes = processesService({ db, audit, clock, timeZone, inputsOfPhase });
  const notifications = notificationsService({
    db,
    accounts,
    mailer,
    clock,
    publicUrl,
    logger: config.logger,
    municipality: sender,
    // Notifications name an idea's status in the reader's language: a municipality's own statuses by their labels.
    statusLabels: async () => new Map((await feedback.statuses()).map((s) => [s.key, s.label])),
    timeZone,
  });
  const files = filesService({
    db,
    audit,
    store: config.fileStore ?? localDiskStore(join(config.dataDir, 'uploads')),
    phaseExists: (phaseId) => processes.phaseExists(phaseId),
  });
  const gate = createModerationGate(db, clock);
  const ideas = ideasService({ db, audit, accounts, processes, notifications, files, gate, map: () => municipality.map(), geocode: (text) => municipality.geocode(text) });
  const feedback = feedbackService({ db, audit, accounts, ideas, processes, notifications });
  const surveys = surveysService({ db, audit, processes });
  const budgeting = budgetingService({ db, audit, accounts, processes, ideas, feedback, files, notifications, clock, timeZone });
  const jobs = createJobQueue({
    db,
    logger: config.logger,
    timeZone,
    ...(config.jobPollingSeconds ? { pollingIntervalSeconds: config.jobPollingSeconds } : {}),
  });
  // People who chose a daily digest get it at 07:00 in the municipality's time zone.
  jobs.define('notifications.digest', async () => {
    const sent = await notifications.sendDigests();
    config.logger.info({ digests: sent }, 'daily digests sent');
  });
  jobs.schedule('notifications.digest', '0 7 * * *');
  const events = eventsService({
    db,
    audit,
    accounts,
    processes,
    ideas,
    notifications,
    files,
    mailer,
    clock,
    timeZone,
    publicUrl,
    municipality: sender,
  });
  // An event's documents are readable as the event is: not while its process is a draft others cannot see.
  files.guardReads('event', (actor, eventId) => events.documentAccess(actor, eventId));
  // Reminders by e-mail the day before an event.
  defineEventJobs(jobs, events, config.logger);
  const runner = createRecomputeRunner(config.logger);
  const conversations = conversationsService({ db, audit, accounts, processes, jobs, runner, logger: config.logger, gate, timeZone });
  const proposals = proposalsService({ db, audit, clock, timeZone, accounts, processes, notifications, feedback, gate, files, areas: async () => (await municipality.get()).areas });
  // A proposal's images are readable as the proposal is: a draft's only by its authors.
  files.guardReads('proposal', (actor, proposalId) => proposals.imageAccess(actor, proposalId));
  // Authors and signers are told when signing ends short of the threshold.
  defineProposalJobs(jobs, proposals, config.logger);
  const stakeholders = stakeholdersService({ db, audit, accounts, processes, conversations, notifications, files, mailer, clock, timeZone, gate, publicUrl, municipality: async () => (await municipality.get()).name });
  // Comments on recommendations are reported and moderated like other comments (the stakeholders module is made first).
  const moderation = moderationService({ db, audit, clock, accounts, ideas, conversations, proposals, recommendationComments: stakeholders, notifications, gate });
  // Started at once on the server that heard the votes (others poll twice a second): the map should show a
  // new vote within two seconds.
  // Recomputes of one conversation start at least a second apart: votes arriving meanwhile join the next run,
  // the map still shows a vote within about 1.5 s, and a busy conversation leaves CPU for the votes themselves.
  const recomputeStarted = new Map<string, number>();
  jobs.define<{ conversationId: string }>(recomputeJob, async (data) => {
    const wait = (recomputeStarted.get(data.conversationId) ?? 0) + recomputeSpacingMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    recomputeStarted.set(data.conversationId, Date.now());
    if (recomputeStarted.size > 1000) recomputeStarted.clear();
    await conversations.recompute(data.conversationId);
  }, { policy: 'coalesce', retryLimit: 1, expireInSeconds: 300, pollingIntervalSeconds: 0.5, wakeOnSend: true });
  const conversationResults = createResultsFeed({ url: () => databaseUrlOf(db), logger: config.logger });
  // Open meeting pages hear when the facilitator marks the item on now (server-sent events, through PostgreSQL).
  const meetingFeed = createMeetingFeed({ url: () => databaseUrlOf(db), logger: config.logger });
  const changes = changeClockOf(db);
  let changeFeed: ReturnType<typeof startChangeFeed> | null = null;
  // A fact's documents are readable as the fact is: publicly once approved, before that by its author and facilitators.
  files.guardReads('fact', (actor, factId) => stakeholders.documentAccess(actor, factId));
  const panels = panelsService({
    db,
    audit,
    processes,
    accounts,
    mailer,
    jobs,
    clock,
    timeZone,
    publicUrl,
    logger: config.logger,
    municipality: sender,
  });
  // The selection (in a worker thread, one job per panel at a time) and the nightly deletion of pools.
  definePanelJobs(jobs, panels, config.logger);
  // The municipality's retention period for panel registrations' personal data, applied nightly.
  defineRetentionJob(jobs, panels, () => municipality.panelRetentionDays(), config.logger);
  const updates = updatesService({
    db,
    audit,
    accounts,
    processes,
    ideas,
    surveyRespondents: (phaseIds) => surveys.responsesByWeek(phaseIds),
    notifications,
    mailer,
    clock,
    timeZone,
    publicUrl,
    logger: config.logger,
    municipality: sender,
  });
  // Scheduled updates go out within a minute of their time.
  defineUpdateJobs(jobs, updates, config.logger);
  const reports = {
    ...reportsService({ audit, accounts, processes, ideas, surveys, feedback, moderation, clock, timeZone, municipality: () => municipality.get() }),
    // One's own data: each module's part, in the order the export shows them.
    ...personalDataUseCases({ accounts, audit, sources: [ideas, proposals, moderation, surveys, conversations, budgeting, events, stakeholders, panels, notifications, updates] }),
  };
  const census = censusService({ db, audit, accounts, processes, ideas, surveys, panels, notifications, clock, timeZone, areas: async () => (await municipality.get()).areas });
  const analysis = analysisService({ db, audit, processes, ideas, jobs, clock, accounts, textProvider: config.textProvider });
  // One job per requested run, started at once on the server that queued it; a failed run is not retried (staff run it again).
  jobs.define<{ runId: string }>(analysisJob, async ({ runId }) => {
    await analysis.runAnalysis(runId);
  }, { retryLimit: 0, expireInSeconds: analysisExpirySeconds, wakeOnSend: true });
  return {
    db,
    audit,
    accounts,
    municipality,
    processes,
    ideas,
    feedback: { ...feedback, youSaidWeDid: reports.youSaidWeDid, participationReport: reports.participationReport },
    notifications,
    surveys,
    budgeting,
    files,
    conversations,
    proposals,
    moderation,
    conversationResults,
    meetingFeed,
    changes,
    async listenForChanges() {
      const url = databaseUrlOf(db);
      if (changeFeed || !url) return;
      changeFeed = startChangeFeed({ url, clock: changes, logger: config.logger, notify: (channel, payload) => notify(db, channel, payload) });
      await changeFeed.ready;
    },
    stakeholders,
    panels,
    analysis,
    census,
    events,
    updates,
    reports,
    mailer,
    jobs,
    config,
    async checkDatabase() {
      const started = performance.now();
      try {
        await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
        return { ok: true, latencyMs: performance.now() - started };
      } catch {
        return { ok: false, latencyMs: performance.now() - started };
      }
    },
    async close() {
      conversations.stop();
      await jobs.stop();
      await conversationResults.close();
      await meetingFeed.close();
      await changeFeed?.close();
      await runner.stop();
      await db.destroy();
      await onClose();
    },
  };
}

/**
 * Opens the database named by the configuration (starting the embedded server when there is no URL),
 * migrates it to the latest schema and returns the wired platform. `close()` stops what it started.
 */
export async function openPlatform(config: PlatformConfig, options: { migrate?: boolean } = {}): Promise<Platform> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      onLog: (line) => config.logger.debug({ postgres: line }, 'postgres'),
    });
    url = embedded.url;
    config.logger.info({ dataDir: embedded.dataDir }, 'embedded PostgreSQL started');
  }
  const db = createDatabase({
    url,
    ...(config.maxConnections ? { maxConnections: config.maxConnections } : {}),
    onIdleError: (error) => config.logger.warn({ err: { message: error.message } }, 'an idle database connection failed'),
  });
  try {
    if (options.migrate !== false) {
      const applied = await migrateToLatest(db);
      if (applied.length > 0) config.logger.info({ count: applied.length, latest: applied.at(-1) }, 'migrations applied');
    }
  } catch (error) {
    await db.destroy();
    await embedded?.stop();
    throw error;
  }
  return createPlatform(db, config, async () => {
    await embedded?.stop();
  });
}
