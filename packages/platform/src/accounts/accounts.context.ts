import type { AuditService } from '../audit/audit.service.ts';
import type { Db } from '../db/database.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { translate, type MessageKey } from '../i18n/translate.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Clock } from '../shared/clock.ts';
import { fail } from '../shared/result.ts';
import { accountsRepository } from './accounts.repository.ts';
import type { TokenPurpose } from './accounts.tables.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { createSessionCache } from './session-cache.ts';

/** What the accounts module needs from the platform. */
export interface AccountsDeps {
  readonly db: Db;
  readonly audit: AuditService;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly publicUrl: string;
  /** The municipality's name and default language (for e-mails) and its areas (for profiles). */
  readonly municipality: () => Promise<{ name: string; defaultLocale: Locale; areas: readonly string[] }>;
  readonly sessionDays?: number;
}

const tokenLifetimes: Record<TokenPurpose, number> = {
  verify_email: 48 * 3600,
  reset_password: 3600,
  magic_link: 15 * 60,
};

const mailKeys: Record<TokenPurpose, { subject: MessageKey; body: MessageKey; path: string }> = {
  verify_email: { subject: 'mail.verify.subject', body: 'mail.verify.body', path: '/verify-email' },
  reset_password: { subject: 'mail.reset.subject', body: 'mail.reset.body', path: '/reset-password' },
  magic_link: { subject: 'mail.magic.subject', body: 'mail.magic.body', path: '/magic-link' },
};

/** The failure for a link that is unknown, already used or expired, named on the `token` field. */
export function tokenFailure(status: 'invalid' | 'used' | 'expired') {
  return fail(status === 'used' ? 'TokenUsed' : status === 'expired' ? 'TokenExpired' : 'TokenInvalid', [
    {
      field: 'token',
      message: `error.${status === 'used' ? 'TokenUsed' : status === 'expired' ? 'TokenExpired' : 'TokenInvalid'}`,
    },
  ]);
}

/** What the use-case files share: the repository, the session cache, e-mailed links and new sessions. */
export function accountsContext(deps: AccountsDeps) {
  const repo = accountsRepository(deps.db);
  const sessions = createSessionCache();
  const sessionMs = (deps.sessionDays ?? 30) * 86_400_000;

  /** E-mails a one-time link for `purpose` in the person's language (or the municipality's). */
  async function sendTokenMail(
    user: { id: string; email: string; display_name: string; locale: string | null },
    purpose: TokenPurpose,
  ) {
    const token = newSecret();
    await repo.insertToken({
      tokenHash: hashSecret(token),
      userId: user.id,
      purpose,
      expiresAt: new Date(deps.clock().getTime() + tokenLifetimes[purpose] * 1000),
    });
    const municipality = await deps.municipality();
    const locale: Locale = isLocale(user.locale) ? user.locale : municipality.defaultLocale;
    const keys = mailKeys[purpose];
    const link = `${deps.publicUrl}${keys.path}?token=${token}`;
    await deps.mailer.send({
      to: user.email,
      subject: translate(locale, keys.subject, { municipality: municipality.name }),
      text: [
        translate(locale, 'mail.greeting', { name: user.display_name }),
        '',
        translate(locale, keys.body),
        link,
        '',
        translate(locale, 'mail.ignore'),
        '',
        translate(locale, 'mail.signature', { municipality: municipality.name }),
      ].join('\n'),
    });
  }

  /** Starts a session for the person; the token goes in the cookie, only its hash is stored. */
  async function startSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecret();
    const expiresAt = new Date(deps.clock().getTime() + sessionMs);
    await repo.insertSession({ tokenHash: hashSecret(token), userId, expiresAt });
    return { token, expiresAt };
  }

  return { deps, repo, sessions, sendTokenMail, startSession };
}

export type AccountsContext = ReturnType<typeof accountsContext>;
