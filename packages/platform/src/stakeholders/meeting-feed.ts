import pg from 'pg';
import type { Logger } from '../shared/logger.ts';
import { meetingsChannel } from './stakeholders.recommendations.repository.ts';

/**
 * Tells this server's open meeting pages (server-sent events) that a meeting's agenda or "now on" item changed.
 * The change may be made on any app server, so the signal goes through PostgreSQL: the update NOTIFYs in its
 * transaction, and each server keeps one dedicated connection that LISTENs while some page is open (reopened
 * a second after a failure).
 */
export function createMeetingFeed(options: { url: () => string | undefined; logger: Logger }) {
  const listeners = new Map<string, Set<() => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;

  async function connect(): Promise<void> {
    const url = options.url();
    if (!url) throw new Error('no database URL for LISTEN');
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      for (const listener of listeners.get(message.payload ?? '') ?? []) listener();
    });
    next.on('error', (error) => {
      options.logger.warn({ err: { message: error.message } }, 'meeting feed connection failed; reconnecting');
      client = null;
      void next.end().catch(() => undefined);
      reconnectLater();
    });
    await next.connect();
    await next.query(`LISTEN ${meetingsChannel}`);
    client = next;
  }

  function ensure(): Promise<void> {
    if (client || closed) return Promise.resolve();
    connecting ??= connect().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  function reconnectLater() {
    if (closed || retry || listeners.size === 0) return;
    retry = setTimeout(() => {
      retry = null;
      ensure().catch(() => reconnectLater());
    }, 1000);
    retry.unref();
  }

  return {
    /** Calls `listener` whenever the meeting changes; returns the function that stops it. */
    async subscribe(meetingId: string, listener: () => void): Promise<() => void> {
      let set = listeners.get(meetingId);
      if (!set) listeners.set(meetingId, (set = new Set()));
      set.add(listener);
      try {
        await ensure();
      } catch (error) {
        options.logger.warn({ err: { message: (error as Error).message } }, 'meeting feed could not listen');
        reconnectLater();
      }
      return () => {
        const current = listeners.get(meetingId);
        current?.delete(listener);
        if (current?.size === 0) listeners.delete(meetingId);
        if (listeners.size === 0 && client) {
          const idle = client;
          client = null;
          void idle.end().catch(() => undefined);
        }
      };
    },

    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      listeners.clear();
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}

export type MeetingFeed = ReturnType<typeof createMeetingFeed>;
