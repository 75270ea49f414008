import { defaultTimeZone, formatDateTime, formatNumber, formatPercent, languageName } from '../i18n/format.ts';
import { isLocale, locales, type Locale } from '../i18n/locales.ts';
import { isMessageKey, translate, type MessageKey } from '../i18n/translate.ts';
import { resolveText, type LocalizedText } from '../shared/localized.ts';

// The one renderer of notifications: the list page, GET /api/v1/notifications, the e-mails, the digests and the
// CSV all show what this returns, in the reader's language.

/** What a notification can be about. */
export const notificationKinds = ['status_changed', 'answered', 'milestone', 'idea_hidden', 'comment_hidden', 'statement_hidden', 'fact_reviewed', 'recommendation_decided', 'recommendation_revised', 'budget_project_update', 'budget_results', 'proposal_invited', 'proposal_submitted', 'proposal_reached', 'proposal_answered', 'proposal_milestone', 'proposal_hidden', 'proposal_expired', 'event_seat', 'phase_reminder', 'recommendation_sent', 'meeting_scheduled', 'idea_merged', 'process_update'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** What the module that raised a notification stored with it (titles, keys, texts). */
export type Payload = Readonly<Record<string, string | number | null | undefined>>;

/** The names of idea statuses: built-in ones are translated by key; a municipality's own carry their labels. */
export type StatusLabels = ReadonlyMap<string, LocalizedText>;

/** A notification as a person reads it. */
export interface RenderedNotification {
  /** The e-mail's subject. */
  readonly subject: string;
  /** One sentence naming what happened to what (the idea, project or recommendation by its title). */
  readonly text: string;
  /** The first lines of what was written (the official answer, the reason, the news), with what it is. */
  readonly quote: { readonly label: string; readonly text: string } | null;
  /** Where it happened: a path on the site. */
  readonly link: string;
}

/** The most of a written text a notification quotes: its first three lines, at most 280 characters. */
export function firstLines(text: string, maxLines = 3, maxChars = 280): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  let shown = lines.slice(0, maxLines).join(' ');
  const cut = lines.length > maxLines || shown.length > maxChars;
  if (shown.length > maxChars) {
    shown = shown.slice(0, maxChars);
    const space = shown.lastIndexOf(' ');
    if (space > maxChars / 2) shown = shown.slice(0, space);
  }
  return cut ? `${shown.replace(/[\s.,;:–-]+$/, '')}…` : shown;
}

function textOf(payload: Payload, name: string): string {
  const value = payload[name];
  return value === null || value === undefined ? '' : String(value).trim();
}

/** A status's name in `locale`: a built-in one's translation, a municipality's own label, else its key in words. */
export function statusName(locale: Locale, key: string, labels: StatusLabels, municipalityDefault: Locale): string {
  const label = labels.get(key);
  if (label) {
    const resolved = resolveText(label, locale, municipalityDefault);
    if (resolved.text !== '') return resolved.text;
  }
  const builtIn = `status.${key}`;
  if (isMessageKey(builtIn)) return translate(locale, builtIn);
  return key.replace(/_/g, ' ');
}

/** The page a notification points to; the list of notifications when what it names is unknown. */
function linkOf(payload: Payload): string {
  const link = textOf(payload, 'link');
  if (link.startsWith('/')) return link;
  const slug = textOf(payload, 'processSlug');
  const ideaId = textOf(payload, 'ideaId');
  return slug !== '' && ideaId !== '' ? `/processes/${slug}/ideas/${ideaId}` : '/notifications';
}

/**
 * Renders one notification in `locale`: the subject for an e-mail, a sentence that names the idea, project or
 * recommendation by its title and a status by its name in that language, the first lines of the official
 * answer, reason or news, and the link.
 */
export function renderNotification(
  locale: Locale,
  kind: NotificationKind,
  payload: Payload,
  options: { readonly statusLabels: StatusLabels; readonly municipalityDefault: Locale },
): RenderedNotification {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(locale, key, params);
  const ideaTitle = textOf(payload, 'ideaTitle');
  const quote = (label: MessageKey, name: string) => {
    const text = firstLines(textOf(payload, name));
    return text === '' ? null : { label: t(label), text };
  };
  const link = linkOf(payload);
  const status = () => statusName(locale, textOf(payload, 'status'), options.statusLabels, options.municipalityDefault);
  switch (kind) {
    case 'status_changed':
      return { subject: t('notify.status_changed.subject', { ideaTitle }), text: t('notify.status_changed.body', { ideaTitle, status: status() }), quote: null, link };
    case 'answered':
      return { subject: t('notify.answered.subject', { ideaTitle }), text: t('notify.answered.body', { ideaTitle, status: status() }), quote: quote('notify.quote.answer', 'answer'), link };
    case 'milestone': {
      const progress = Number(payload.progress);
      return {
        subject: t('notify.milestone.subject', { ideaTitle }),
        text: t('notify.milestone.body', { ideaTitle, milestone: textOf(payload, 'milestone'), progress: formatPercent(locale, Number.isFinite(progress) ? progress / 100 : 0) }),
        quote: null,
        link,
      };
    }
    case 'idea_merged': {
      const keptTitle = textOf(payload, 'keptTitle');
      return { subject: t('notify.idea_merged.subject'), text: t('notify.idea_merged.body', { ideaTitle, keptTitle }), quote: null, link };
    }
    case 'idea_hidden':
      return { subject: t('notify.idea_hidden.subject'), text: ideaTitle ? t('notify.idea_hidden.named', { ideaTitle }) : t('notify.idea_hidden.body'), quote: quote('notify.quote.reason', 'reason'), link };
    case 'comment_hidden':
      return { subject: t('notify.comment_hidden.subject'), text: ideaTitle ? t('notify.comment_hidden.named', { ideaTitle }) : t('notify.comment_hidden.body'), quote: quote('notify.quote.reason', 'reason'), link };
    case 'statement_hidden':
      return { subject: t('notify.statement_hidden.subject'), text: t('notify.statement_hidden.body', { statement: firstLines(textOf(payload, 'statement'), 1, 120) }), quote: quote('notify.quote.reason', 'reason'), link };
    case 'fact_reviewed': {
      const title = textOf(payload, 'title');
      const decision = textOf(payload, 'decision');
      const text = decision === 'approved' ? t('notify.fact_reviewed.approved', { title }) : decision === 'rejected' ? t('notify.fact_reviewed.rejected', { title }) : t('notify.fact_reviewed.changes', { title });
      return { subject: t('notify.fact_reviewed.subject', { title }), text, quote: quote('notify.quote.reason', 'reason'), link };
    }
    case 'recommendation_decided': {
      const title = textOf(payload, 'title');
      const decision = textOf(payload, 'decision');
      const text =
        decision === 'accepted'
          ? t('notify.recommendation_decided.accepted', { title })
          : decision === 'partly'
            ? t('notify.recommendation_decided.partly', { title })
            : decision === 'rejected'
              ? t('notify.recommendation_decided.rejected', { title })
              : t('notify.recommendation_decided.body', { title });
      return { subject: t('notify.recommendation_decided.subject'), text, quote: quote('notify.quote.reason', 'reason'), link };
    }
    case 'recommendation_revised': {
      const title = textOf(payload, 'title');
      return { subject: t('notify.recommendation_revised.subject', { title }), text: t('notify.recommendation_revised.body', { title, version: textOf(payload, 'version') }), quote: null, link };
    }
    case 'budget_project_update': {
      const projectTitle = textOf(payload, 'projectTitle');
      // The news in the reader's language: the status by its name, the milestone, the progress; else the answer.
      // (Notifications stored before this carry the news as one text.)
      const progress = payload.progress === null || payload.progress === undefined || payload.progress === '' ? null : Number(payload.progress);
      const parts = [textOf(payload, 'status') ? status() : '', textOf(payload, 'milestone'), progress !== null && Number.isFinite(progress) ? formatPercent(locale, progress / 100) : ''].filter((part) => part !== '');
      const news = parts.length > 0 ? { label: t('notify.quote.news'), text: parts.join(' – ') } : (quote('notify.quote.news', 'answer') ?? quote('notify.quote.news', 'news'));
      return { subject: t('notify.budget_project_update.subject', { projectTitle }), text: t('notify.budget_project_update.body', { projectTitle }), quote: news, link };
    }
    case 'proposal_invited': {
      const proposalTitle = textOf(payload, 'proposalTitle');
      return { subject: t('notify.proposal_invited.subject', { proposalTitle }), text: t('notify.proposal_invited.body', { proposalTitle }), quote: null, link };
    }
    case 'proposal_submitted': {
      const proposalTitle = textOf(payload, 'proposalTitle');
      return { subject: t('notify.proposal_submitted.subject', { proposalTitle }), text: t('notify.proposal_submitted.body', { proposalTitle }), quote: null, link };
    }
    case 'proposal_reached': {
      const proposalTitle = textOf(payload, 'proposalTitle');
      return { subject: t('notify.proposal_reached.subject', { proposalTitle }), text: t('notify.proposal_reached.body', { proposalTitle }), quote: null, link };
    }
    case 'proposal_answered': {
      const proposalTitle = textOf(payload, 'proposalTitle');
      return { subject: t('notify.proposal_answered.subject', { proposalTitle }), text: t('notify.proposal_answered.body', { proposalTitle, status: status() }), quote: quote('notify.quote.answer', 'answer'), link };
    }
    case 'proposal_milestone': {
      const proposalTitle = textOf(payload, 'proposalTitle');
      const progress = Number(payload.progress);
      return {
        subject: t('notify.proposal_milestone.subject', { proposalTitle }),
        text: t('notify.proposal_milestone.body', { proposalTitle, milestone: textOf(payload, 'milestone'), progress: formatPercent(locale, Number.isFinite(progress) ? progress / 100 : 0) }),
        quote: null,
        link,
      };
    }
    case 'proposal_hidden': {
      const proposalTitle = textOf(payload, 'proposalTitle');
      return { subject: t('notify.proposal_hidden.subject'), text: t('notify.proposal_hidden.body', { proposalTitle }), quote: quote('notify.quote.reason', 'reason'), link };
    }
    case 'proposal_expired': {
      const proposalTitle = textOf(payload, 'proposalTitle');
      const count = (name: string) => formatNumber(locale, Number(payload[name] ?? 0));
      return { subject: t('notify.proposal_expired.subject', { proposalTitle }), text: t('notify.proposal_expired.body', { proposalTitle, signatures: count('signatures'), threshold: count('threshold') }), quote: null, link };
    }
    case 'event_seat': {
      const title = textOf(payload, 'title');
      return { subject: t('notify.event_seat.subject', { title }), text: t('notify.event_seat.body', { title }), quote: null, link };
    }
    case 'phase_reminder': {
      const processTitle = textOf(payload, 'processTitle');
      return { subject: t('notify.phase_reminder.subject', { processTitle }), text: t('notify.phase_reminder.body', { processTitle, phaseTitle: textOf(payload, 'phaseTitle'), endsOn: textOf(payload, 'endsOn') }), quote: null, link };
    }
    case 'recommendation_sent': {
      const title = textOf(payload, 'title');
      return {
        subject: t('notify.recommendation_sent.subject', { title }),
        text: t('notify.recommendation_sent.body', { title, supporters: Number(payload.supporters ?? 0), members: Number(payload.members ?? 0) }),
        quote: null,
        link,
      };
    }
    case 'meeting_scheduled': {
      const title = textOf(payload, 'title');
      // The instant as the municipality's wall clock on that day (18:00 stays 18:00 across summer time).
      const time = formatDateTime(locale, textOf(payload, 'startsAt'), textOf(payload, 'timeZone') || defaultTimeZone);
      return { subject: t('notify.meeting_scheduled.subject', { title }), text: t('notify.meeting_scheduled.body', { title, time }), quote: quote('notify.quote.place', 'place'), link };
    }
    case 'process_update': {
      // The update in the reader's language where staff wrote a translation, else the original, its language named.
      const original = textOf(payload, 'language');
      const fallback: Locale = isLocale(original) ? original : options.municipalityDefault;
      const inLanguage = (name: string) => resolveText(Object.fromEntries(locales.map((l) => [l, textOf(payload, `${name}.${l}`)])), locale, fallback);
      const processTitle = inLanguage('processTitle').text;
      const subject = inLanguage('subject');
      const body = firstLines(inLanguage('body').text);
      const label = subject.locale === locale ? t('notify.quote.message') : t('notify.quote.messageIn', { language: languageName(locale, subject.locale) });
      return { subject: t('notify.process_update.subject', { processTitle, subject: subject.text }), text: t('notify.process_update.body', { processTitle, subject: subject.text }), quote: body === '' ? null : { label, text: body }, link };
    }
    case 'budget_results': {
      const processTitle = textOf(payload, 'processTitle');
      return { subject: t('notify.budget_results.subject', { processTitle }), text: t('notify.budget_results.body', { processTitle }), quote: null, link };
    }
  }
}

/** The notification as plain text lines for an e-mail or a digest: the sentence, the quote, the full link. */
export function notificationLines(rendered: RenderedNotification, publicUrl: string): string[] {
  return [rendered.text, ...(rendered.quote ? [`${rendered.quote.label}: ${rendered.quote.text}`] : []), `${publicUrl}${rendered.link}`];
}
