import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { loadRecommendation } from '$lib/server/recommendation';
import { formatsOf } from '$lib/format';

/** The versions of a recommendation, and the differences between two of them (`?from=1&to=2`, a GET form). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { found, id } = await loadRecommendation(locals, params.slug, params.number);
  const s = locals.platform.stakeholders;
  const [rec, versions] = await Promise.all([s.viewRecommendation(locals.ctx.user, id), s.recommendationVersions(locals.ctx.user, id)]);
  if (!rec.ok || !versions.ok) error(404, { message: 'NotFound' });
  const f = formatsOf(locals);
  const latest = rec.value.version;
  // Without a choice: the latest version against the one before it.
  const from = url.searchParams.get('from') ?? String(Math.max(1, latest - 1));
  const to = url.searchParams.get('to') ?? String(latest);
  const diff = await s.compareVersions(locals.ctx.user, id, { from, to });
  return {
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    rec: { number: rec.value.number, title: rec.value.title, version: latest },
    versions: versions.value.map((v) => ({ version: v.version, author: v.author, when: f.dateTime(v.savedAt), at: v.savedAt.toISOString() })),
    from,
    to,
    diff: diff.ok ? diff.value : null,
    problem: diff.ok ? null : { message: locals.t('recommendations.versions.unknown', { latest }), fields: Object.fromEntries((diff.fields ?? []).map((x) => [x.field, locals.t('recommendations.versions.unknown', { latest })])) },
  };
};
