import type { StakeholdersContext } from './stakeholders.context.ts';
import type { FactDocument, FactView } from './stakeholders.types.ts';

/** Every fact of a panel with its sources, documents, author and disputes, in number order. */
export async function factViews(ctx: StakeholdersContext, panelId: string): Promise<FactView[]> {
  const { repo, deps } = ctx;
  const facts = await repo.facts(panelId);
  const sources = await repo.sourcesOf(facts.map((f) => f.id));
  const files = new Map((await deps.files.listFor('fact', facts.map((f) => f.id))).map((file) => [file.id, file]));
  const documentOf = (fileId: string | null): FactDocument | null => {
    const file = fileId ? files.get(fileId) : undefined;
    return file ? { id: file.id, filename: file.filename, contentType: file.contentType, sizeBytes: file.sizeBytes } : null;
  };
  const people = new Map((await repo.stakeholders(panelId)).map((s) => [s.id, s]));
  const numberOf = new Map(facts.map((f) => [f.id, f.number]));
  return facts.map((f) => {
    const who = f.stakeholder_id ? people.get(f.stakeholder_id) : undefined;
    return {
      id: f.id,
      number: f.number,
      title: f.title,
      body: f.body,
      status: f.status,
      reviewReason: f.review_reason,
      stakeholder: who ? { id: who.id, name: who.name, role: who.role } : null,
      sources: sources.filter((s) => s.fact_id === f.id).map((s) => ({ kind: s.kind, title: s.title, url: s.url, document: documentOf(s.file_id) })),
      disputes: f.disputes_fact_id ? (numberOf.get(f.disputes_fact_id) ?? null) : null,
      disputedBy: facts.filter((o) => o.disputes_fact_id === f.id && o.status === 'approved').map((o) => o.number),
      updatedAt: f.updated_at,
    };
  });
}
