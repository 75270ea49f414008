import type { Actor } from '../accounts/index.ts';
import { conversationsPolicy } from './conversations.policy.ts';
import type { ConversationView, StatementView } from './conversations.types.ts';
import type { ConversationReport } from './report.types.ts';

/** A conversation as pages and the API show it, with what the actor may do (`can`, from the conversations policy). */
export function presentConversation(conversation: ConversationView, actor: Actor | null) {
  return { ...conversation, can: conversationsPolicy.can(actor, conversation) };
}

/** A presented conversation. */
export type PresentedConversation = ReturnType<typeof presentConversation>;

/** A statement with its moderation, as the API answers it (the date as ISO text). */
export function presentStatement(statement: StatementView) {
  return { id: statement.id, number: statement.number, body: statement.body, moderation: statement.moderation, isSeed: statement.isSeed, createdAt: statement.createdAt.toISOString() };
}

/** A report as the API answers it (dates as ISO text). */
export function presentReport(report: ConversationReport) {
  const statements = (list: ConversationReport['consensus']) => list.map((s) => ({ ...s, totals: [...s.totals] as [number, number, number] }));
  return {
    ...report,
    conversation: { ...report.conversation, processTitle: Object.fromEntries(Object.entries(report.conversation.processTitle).filter((e): e is [string, string] => typeof e[1] === 'string')) },
    participation: { ...report.participation, days: report.participation.days.map((d) => ({ ...d })) },
    map: { ...report.map, groups: report.map.groups.map((g) => ({ ...g })) },
    groups: report.groups.map((g) => ({ ...g, statements: statements(g.statements) })),
    consensus: statements(report.consensus),
    divisive: statements(report.divisive),
    bridging: statements(report.bridging),
    exports: report.exports.map((e) => ({ ...e })),
    computedAt: report.computedAt.toISOString(),
    publishedAt: report.publishedAt?.toISOString() ?? null,
    revisions: report.revisions.map((r) => ({ revision: r.revision, computedAt: r.computedAt.toISOString() })),
  };
}
