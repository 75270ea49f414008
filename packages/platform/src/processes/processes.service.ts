import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { processesRepository } from './processes.repository.ts';
import { processesPolicy } from './processes.policy.ts';
import { processStatuses, type ProcessStatus } from './processes.tables.ts';

/** A process as lists and pages show it. */
export interface ProcessSummary {
  readonly id: string;
  readonly slug: string;
  readonly status: ProcessStatus;
  readonly title: LocalizedText;
  readonly summary: LocalizedText;
  readonly startsOn: string | null;
  readonly endsOn: string | null;
}

type Row = Awaited<ReturnType<ReturnType<typeof processesRepository>['list']>>[number];

function present(row: Row): ProcessSummary {
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    title: row.title,
    summary: row.summary,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  };
}

/** Processes: the questions a municipality involves residents in. */
export function processesService(deps: { db: Db }) {
  const repo = processesRepository(deps.db);
  return {
    /** Lists the processes the actor may see, optionally of one status, newest first. */
    async listProcesses(actor: Actor | null, query: { status?: unknown; page?: number; pageSize?: number }): Promise<Result<ProcessSummary[]>> {
      const visible = processesPolicy.visibleStatuses(actor);
      let statuses = visible;
      if (query.status !== undefined && query.status !== '' && query.status !== 'all') {
        if (!(processStatuses as readonly unknown[]).includes(query.status)) {
          return fail('ValidationFailed', [{ field: 'status', message: 'field.invalid' }]);
        }
        statuses = visible.filter((s) => s === query.status);
      }
      if (statuses.length === 0) return ok([]);
      const pageSize = Math.min(100, Math.max(1, Math.floor(query.pageSize ?? 20)));
      const page = Math.max(1, Math.floor(query.page ?? 1));
      const rows = await repo.list({ statuses, limit: pageSize, offset: (page - 1) * pageSize });
      return ok(rows.map(present));
    },

    /** One process by its address, if the actor may see it. */
    async getProcess(actor: Actor | null, slug: string): Promise<Result<ProcessSummary>> {
      const row = await repo.findBySlug(slug);
      if (!row || !processesPolicy.visibleStatuses(actor).includes(row.status)) return fail('NotFound');
      return ok(present(row));
    },

    /** Creates a process or leaves an existing one with that slug unchanged (seeding). */
    async ensureProcess(input: {
      slug: string;
      status: ProcessStatus;
      title: LocalizedText;
      summary: LocalizedText;
      startsOn: string | null;
      endsOn: string | null;
      createdBy: string | null;
    }): Promise<string> {
      return repo.upsertBySlug(input);
    },
  };
}

export type ProcessesService = ReturnType<typeof processesService>;
