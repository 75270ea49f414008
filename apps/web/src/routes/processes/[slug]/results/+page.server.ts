import type { PageServerLoad } from './$types';
import { loadProcess } from '$lib/server/process';
import { roleLabel, statusLabels } from '$lib/server/labels';
import { formatsOf } from '$lib/format';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const found = await loadProcess(locals, params.slug);
  const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
  const report = await locals.platform.feedback.youSaidWeDid(found.process.id, { page });
  const labels = await statusLabels(locals);
  const fmt = formatsOf(locals);
  const summaries = await locals.platform.analysis.publishedSummaries(found.process.id);
  return {
    // What staff published of the analysis's summaries: each sentence with the inputs it rests on.
    summaries: summaries.map((s) => ({
      scope: s.scope,
      title: s.title,
      sentences: s.sentences,
      modelWrote: s.modelWrote,
      signature: locals.t(s.edited ? 'summaries.editedBy' : 'summaries.publishedBy', { name: s.savedBy ?? locals.t('summaries.staffName'), date: fmt.date(s.savedAt ?? new Date()) }),
    })),
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    total: report.total,
    page: report.page,
    pages: Math.max(1, Math.ceil(report.answeredTotal / report.pageSize)),
    counts: report.counts.map((c) => ({ key: c.status.key, label: labels[c.status.key] ?? c.status.key, count: c.count })),
    answers: report.answers.map((a) => ({
      ideaId: a.ideaId,
      title: a.title,
      status: labels[a.status] ?? a.status,
      body: a.body,
      progress: a.progress,
      signature: locals.t('ideas.answeredBy', { name: a.authorName, role: roleLabel(locals, a.authorRole), date: formatsOf(locals).date(a.createdAt) }),
    })),
  };
};
