import type { Platform as TingstedPlatform } from '@tingsted/platform';
import type { RequestContext } from '@tingsted/platform';
import type { IncomingMessage } from 'node:http';
import type { MessageKey } from '$lib/i18n/keys';

declare global {
  namespace App {
    interface Locals {
      platform: TingstedPlatform;
      ctx: RequestContext;
      t: (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;
    }
    interface Platform {
      req: IncomingMessage & { tingsted?: { platform: TingstedPlatform; ctx: RequestContext } };
    }
    interface Error {
      message: string;
      /** A logged reference a person can quote. */
      id?: string;
      /** Why a staff page refused the person: which kind of page it is. */
      reason?: 'manage' | 'moderation' | 'staff' | 'admin';
      /** The signed-in person's roles, for a refusal page. */
      roles?: string[];
    }
  }
}

export {};
