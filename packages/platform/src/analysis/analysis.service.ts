import { randomBytes } from 'node:crypto';
import { isUuid } from '../shared/validate.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Db } from '../db/database.ts';
import type { IdeasService } from '../ideas/ideas.service.ts';
import type { JobQueue } from '../jobs/jobs.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { Clock } from '../shared/clock.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { analyseInWorker, type AnalysisResult, type SourceText } from './analyse.ts';
import { analysisPolicy } from './analysis.policy.ts';
import { analysisRepository } from './analysis.repository.ts';
import type { AnalysisState } from './analysis.tables.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { writeSummariesWithModel } from './sourced-summaries.ts';
import { summariesRepository } from './summaries.repository.ts';
import { summaryUseCases } from './summaries.ts';
import { reasonOf, textProviderUseCases, type TextProviderConfig } from './text-provider.ts';
import { analysisTopics } from './analysis-topics.ts';


/** The job that analyses one run's process. */
export const analysisJob = 'analysis.run';

/** How long a run may take (the job's expiry); a run still waiting or running after this is counted as failed. */
export const analysisExpirySeconds = 15 * 60;

/** A run that has not ended, as the page shows it. */
export interface ActiveRunView {
  readonly id: string;
  readonly state: 'queued' | 'running';
  readonly requestedAt: Date;
}

/** The last run that ended: its result, or why it failed. */
export type EndedRunView =
  | {
      readonly id: string;
      readonly state: 'done';
      readonly seed: string;
      readonly startedAt: Date | null;
      readonly finishedAt: Date;
      readonly ideas: number;
      readonly comments: number;
      readonly result: AnalysisResult;
    }
  | { readonly id: string; readonly state: 'failed'; readonly finishedAt: Date | null; readonly error: string };

/**
 * Analysis: "what are people saying?" across a process's ideas and comments. Staff ask for a run; a job
 * reads the visible inputs, finds topics, near-duplicates and a sourced summary with @tingsted/text, and
 * stores the result; pages only read stored runs.
 */
export function analysisService(deps: {
  db: Db;
  audit: AuditService;
  processes: ProcessesService;
  ideas: IdeasService;
  jobs: JobQueue;
  clock: Clock;
  accounts: Pick<AccountsService, 'displayNamesOf'>;
  /** A model provider set in the server's environment instead of the admin page. */
  textProvider?: TextProviderConfig | undefined;
}) {
  const repo = analysisRepository(deps.db);
  const summariesRepo = summariesRepository(deps.db);
  const textProvider = textProviderUseCases({ repo: summariesRepo, audit: deps.audit, clock: deps.clock, environment: deps.textProvider });
  const summaries = summaryUseCases({
    repo: summariesRepo,
    lastDoneRun: async (processId) => {
      const run = await summariesRepo.lastDoneRun(processId);
      return run ? { id: run.id, result: run.result as AnalysisResult } : null;
    },
    processExists: async (processId) => (await deps.processes.getProcessById(processId)) !== null,
    accounts: deps.accounts,
    audit: deps.audit,
    clock: deps.clock,
  });

  async function allowed(actor: Actor | null, processId: string): Promise<Result<null>> {
    if (!actor) return fail('NotSignedIn');
    if (!analysisPolicy.analyse(actor)) return fail('Forbidden');
    if (!isUuid(processId)) return fail('ValidationFailed', [{ field: 'processId', message: 'field.idInvalid' }]);
    if (!(await deps.processes.getProcessById(processId))) return fail('NotFound');
    return ok(null);
  }

  /** The active run, after failing one that outlived its job (a stopped server leaves it behind). */
  async function activeRun(processId: string) {
    const active = await repo.activeRun(processId);
    if (!active) return null;
    if (deps.clock().getTime() - active.requested_at.getTime() <= analysisExpirySeconds * 1000) return active;
    await repo.fail(active.id, deps.clock(), 'expired');
    return null;
  }

  /**
   * The analysis with the administrator's model provider, when one is on: its embeddings for the topics and its
   * language model for the summaries' sentences. A provider that fails or times out leaves the built-in path in
   * place, and the result says so.
   */
  async function analyseWithProvider(sources: readonly SourceText[], seed: string): Promise<AnalysisResult> {
    const active = await textProvider.activeProvider();
    if (!active) return analyseInWorker(sources, seed);
    const { provider, timeoutMs } = active;
    let embedded: { vectors: number[][]; provider: string } | undefined;
    const warnings: string[] = [];
    if (provider.embed && sources.length > 0) {
      try {
        embedded = { vectors: await provider.embed(sources.map((s) => (s.kind === 'idea' ? `${s.title}\n${s.body}` : s.body))), provider: provider.name };
      } catch (error) {
        warnings.push(`provider ${provider.name} failed (${reasonOf(error, timeoutMs)}); the topics come from the built-in path`);
      }
    }
    const result = await analyseInWorker(sources, seed, embedded);
    const summaries = provider.complete ? await writeSummariesWithModel(result.summaries, provider, (error) => reasonOf(error, timeoutMs)) : result.summaries;
    return { ...result, summaries, warnings: [...result.warnings, ...warnings] };
  }

  return {
    ...textProvider,
    ...summaries,
    ...analysisTopics(deps, repo, allowed),

    /** Queues an analysis of the process's visible ideas and comments; a run already waiting or running is kept. */
    async requestAnalysis(actor: Actor | null, processId: string): Promise<Result<{ runId: string; alreadyActive: boolean }>> {
      if (!actor) return fail('NotSignedIn');
      const check = await allowed(actor, processId);
      if (!check.ok) return check;
      const active = await activeRun(processId);
      if (active) return ok({ runId: active.id, alreadyActive: true });
      const seed = randomBytes(8).toString('hex');
      const runId = await repo.insertRun({ processId, requestedBy: actor.id, seed, at: deps.clock() });
      const jobId = await deps.jobs.send(analysisJob, { runId });
      if (!jobId) {
        await repo.fail(runId, deps.clock(), 'not queued');
        throw new Error(`analysis run ${runId} could not be queued`);
      }
      await deps.audit.record({ actorId: actor.id, action: 'analysis.requested', subjectType: 'process', subjectId: processId, details: { runId } });
      return ok({ runId, alreadyActive: false });
    },

    /** The job: reads the process's visible inputs, analyses them and stores the result. Runs once per run. */
    async runAnalysis(runId: string): Promise<AnalysisState | null> {
      const run = await repo.findRun(runId);
      if (!run || !(await repo.start(runId, deps.clock()))) return null;
      try {
        const { ideas, comments } = await deps.ideas.visibleInputsOf(run.process_id);
        const sources: SourceText[] = [
          ...ideas.map((i) => ({ kind: 'idea' as const, id: i.id, ideaId: i.id, title: i.title, body: i.body, createdAt: i.created_at })),
          ...comments.map((c) => ({ kind: 'comment' as const, id: c.id, ideaId: c.idea_id, title: '', body: c.body, createdAt: c.created_at })),
        ];
        const result = await analyseWithProvider(sources, run.seed);
        await repo.finish(runId, { at: deps.clock(), ideas: ideas.length, comments: comments.length, topics: result.topics.length, duplicateGroups: result.duplicateGroups, result });
        return 'done';
      } catch (error) {
        await repo.fail(runId, deps.clock(), error instanceof Error ? error.message : String(error));
        throw error;
      }
    },

    /** What the analysis page shows: a run under way, if any, and the last run that ended. */
    async analysisOf(actor: Actor | null, processId: string): Promise<Result<{ active: ActiveRunView | null; last: EndedRunView | null }>> {
      const check = await allowed(actor, processId);
      if (!check.ok) return check;
      const active = await activeRun(processId);
      const ended = await repo.lastEndedRun(processId);
      let last: EndedRunView | null = null;
      if (ended?.state === 'done' && ended.finished_at) {
        last = {
          id: ended.id,
          state: 'done',
          seed: ended.seed,
          startedAt: ended.started_at,
          finishedAt: ended.finished_at,
          ideas: ended.idea_count ?? 0,
          comments: ended.comment_count ?? 0,
          // Runs stored before summaries with sources existed have none.
          result: { ...(ended.result as AnalysisResult), summaries: (ended.result as Partial<AnalysisResult>).summaries ?? [] },
        };
      } else if (ended) {
        last = { id: ended.id, state: 'failed', finishedAt: ended.finished_at, error: ended.error ?? '' };
      }
      return ok({
        active: active && (active.state === 'queued' || active.state === 'running') ? { id: active.id, state: active.state, requestedAt: active.requested_at } : null,
        last,
      });
    },
  };
}

export type AnalysisService = ReturnType<typeof analysisService>;
