import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { loadProcess } from '$lib/server/process';
import { loadMap } from '$lib/server/map';
import { statusLabels } from '$lib/server/labels';

// The ideas of a process on a map, with the list beside it: the same filters (area, category, text) choose
// what both show, and the list works without JavaScript.
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const found = await loadProcess(locals, params.slug);
  if (!found.hasIdeas) error(404, { message: 'NotFound' });
  const map = await loadMap(locals);
  const categories = [...new Set(found.process.phases.filter((p) => p.method === 'ideas').flatMap((p) => p.settings.categories ?? []))];
  const area = map.areas.includes(url.searchParams.get('area') ?? '') ? (url.searchParams.get('area') ?? '') : '';
  const category = categories.includes(url.searchParams.get('category') ?? '') ? (url.searchParams.get('category') ?? '') : '';
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
  const ideas = await locals.platform.ideas.mappedIdeas({ processId: found.process.id, area: area || null, category: category || null, text: q || null });
  return {
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    map,
    categories,
    filter: { area, category, q },
    statusLabels: await statusLabels(locals),
    canPost: found.process.status === 'published' && found.openIdeasPhase !== null,
    ideas: ideas.map((i) => ({ id: i.id, title: i.title, status: i.status, label: i.label, area: i.area, supportCount: i.supportCount, commentCount: i.commentCount, point: [...i.point], location: i.location })),
  };
};
