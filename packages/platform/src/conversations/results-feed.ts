import pg from 'pg';
import type { Logger } from '../shared/logger.ts';

/** The PostgreSQL channel on which a recompute announces a conversation's new results. */
export const resultsChannel = 'conversation_results';

/** What a listener hears: the conversation, the stored revision and the last vote it includes. */
export interface ResultsEvent {
  readonly conversationId: string;
  readonly revision: number;
  readonly votesSeen: number;
}

/**
 * Tells this server's live results views (server-sent events) that new results are stored. Many app servers
 * share one PostgreSQL, and the recompute runs on whichever server took the job, so the signal goes through
 * PostgreSQL: the job NOTIFYs in the transaction that stores the result, and each server keeps one dedicated
 * connection that LISTENs (opened when the first view subscribes, reopened after a failure).
 */
export function createResultsFeed(options: { url: () => string | undefined; logger: Logger }) {
  const listeners = new Map<string, Set<(event: ResultsEvent) => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;

  function dispatch(payload: string | undefined) {
    if (!payload) return;
    let event: ResultsEvent;
    try {
      event = JSON.parse(payload) as ResultsEvent;
    } catch {
      return;
    }
    for (const listener of listeners.get(event.conversationId) ?? []) listener(event);
  }

  async function connect(): Promise<void> {
    const url = options.url();
    if (!url) throw new Error('no database URL for LISTEN');
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => dispatch(message.payload));
    next.on('error', (error) => {
      options.logger.warn({ err: { message: error.message } }, 'results feed connection failed; reconnecting');
      client = null;
      void next.end().catch(() => undefined);
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${resultsChannel}`);
    client = next;
  }

  function scheduleReconnect() {
    if (closed || retryTimer || listeners.size === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      ensure().catch(() => scheduleReconnect());
    }, 1000);
    retryTimer.unref();
  }

  function ensure(): Promise<void> {
    if (client || closed) return Promise.resolve();
    connecting ??= connect().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  return {
    /** Calls `listener` for each new result of the conversation; returns the function that stops it. */
    async subscribe(conversationId: string, listener: (event: ResultsEvent) => void): Promise<() => void> {
      let set = listeners.get(conversationId);
      if (!set) listeners.set(conversationId, (set = new Set()));
      set.add(listener);
      try {
        await ensure();
      } catch (error) {
        options.logger.warn({ err: { message: (error as Error).message } }, 'results feed could not listen');
        scheduleReconnect();
      }
      return () => {
        const current = listeners.get(conversationId);
        current?.delete(listener);
        if (current && current.size === 0) listeners.delete(conversationId);
        // The dedicated connection is kept only while some view listens on this server.
        if (listeners.size === 0 && client) {
          const idle = client;
          client = null;
          void idle.end().catch(() => undefined);
        }
      };
    },

    /** How many views are subscribed on this server (for tests and the benchmark). */
    subscribers: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),

    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      listeners.clear();
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}

export type ResultsFeed = ReturnType<typeof createResultsFeed>;
