import type { PanelsContext } from './panels.context.ts';

/** Retention: the personal data of a pool is deleted on its date. */
export function retentionUseCases(ctx: PanelsContext) {
  const { deps, repo, audit, today } = ctx;
  return {
    /** Deletes the personal data of every panel whose deletion date has come (the daily job). */
    async purgeExpiredPools(): Promise<number> {
      const due = await repo.panelsToPurge(today());
      for (const panelId of due) {
        const counts = await repo.purgePool(panelId, deps.clock());
        await audit(null, 'panel.pool_deleted', panelId, counts);
      }
      return due.length;
    },

  };
}
