import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { ideaContracts } from '@tingsted/platform/ideas';
import { loadProcess } from '$lib/server/process';
import { statusLabels } from '$lib/server/labels';
import { loadMap } from '$lib/server/map';
import { renameFields } from '@tingsted/platform/edge';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const found = await loadProcess(locals, params.slug);
  if (!found.hasIdeas) error(404, { message: 'NotFound' });
  const sort = url.searchParams.get('sort') ?? 'newest';
  const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
  // A random order stays the same for a day (for each signed-in person, and for all visitors, whose pages
  // may come from the page cache), so paging through it works.
  const seed = Number.parseInt((locals.ctx.user?.id ?? '').replace(/[^0-9a-f]/gi, '').slice(0, 8) || '0', 16) + Number(locals.platform.processes.today().replace(/-/g, ''));
  const categories = found.process.phases.filter((p) => p.method === 'ideas').flatMap((p) => p.settings.categories ?? []);
  const wanted = url.searchParams.get('category') ?? '';
  const category = categories.includes(wanted) ? wanted : '';
  const list = await locals.platform.ideas.listIdeas(locals.ctx.user, { processId: found.process.id, sort, page, seed, category });
  const images = await locals.platform.ideas.imagesOf(list.ideas.map((i) => i.id));
  const openPhaseId = found.process.status === 'published' ? (found.openIdeasPhase?.id ?? null) : null;
  // The phase may ask where an idea is about: a map to mark it on, and the places residents can type instead.
  const location = openPhaseId ? await locals.platform.ideas.locationSettings(openPhaseId) : null;
  const phaseIds = found.process.phases.filter((p) => p.method === 'ideas').map((p) => p.id);
  const mapped = [...(await locals.platform.ideas.locationSettingsOf(phaseIds)).values()].some((s) => s.mode !== 'none');
  return {
    location: location && location.mode !== 'none' ? { mode: location.mode, kinds: [...location.kinds], map: await loadMap(locals) } : null,
    hasMap: mapped,
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang, status: found.process.status },
    openPhaseId,
    categories: [...new Set(categories)],
    openPhaseCategories: found.openIdeasPhase?.settings.categories ?? [],
    category,
    signedIn: locals.ctx.user !== null,
    statusLabels: await statusLabels(locals),
    ideas: list.ideas.map((i) => ({ id: i.id, title: i.title, body: i.body.length > 280 ? `${i.body.slice(0, 277)}…` : i.body, status: i.status, supportCount: i.supportCount, commentCount: i.commentCount, supported: i.supportedByViewer, authorName: i.authorName, awaitingScreening: i.awaitingScreening, category: i.category, image: images.get(i.id) ?? null })),
    total: list.total,
    page: list.page,
    pages: Math.max(1, Math.ceil(list.total / list.pageSize)),
    sort: list.sort,
  };
};

export const actions: Actions = {
  post: async ({ request, locals, params, url }) => {
    if (!locals.ctx.user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname)}`);
    const form = await request.formData();
    const values = { title: text(form, 'title'), body: text(form, 'body'), category: text(form, 'category'), imageAlt: text(form, 'imageAlt'), address: text(form, 'address'), location: text(form, 'location') };
    const file = form.get('image');
    const image = file instanceof File && (file.size > 0 || file.name !== '') ? { filename: file.name, contentType: file.type, data: new Uint8Array(await file.arrayBuffer()), altText: values.imageAlt } : null;
    // The map writes what was marked as GeoJSON into a hidden field; without JavaScript only the address is sent.
    let location: unknown = undefined;
    try {
      location = values.location.trim() === '' ? undefined : JSON.parse(values.location);
    } catch {
      location = 'unreadable';
    }
    const input = readForm(ideaContracts.postIdea, form, { location });
    const result = input.ok ? await locals.platform.ideas.postIdea(locals.ctx.user, { ...input.value, image, locale: locals.ctx.locale }) : input;
    // The address field is the one a person can reach and correct, so problems with the marked place point there.
    if (!result.ok) return formFailure(locals, renameFields(result, { location: 'address' }), values);
    if (result.value.awaitingScreening) return { posted: locals.t('ideas.awaitingScreening') };
    redirect(303, `/processes/${params.slug}/ideas/${result.value.id}?posted=1`);
  },
  support: async ({ request, locals, url }) => {
    if (!locals.ctx.user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
    const form = await request.formData();
    const id = text(form, 'ideaId');
    const withdraw = text(form, 'withdraw') === '1';
    const input = readForm(withdraw ? ideaContracts.withdrawSupport : ideaContracts.supportIdea, form, { id });
    const result = !input.ok ? input : withdraw ? await locals.platform.ideas.withdrawSupport(locals.ctx.user, input.value.id) : await locals.platform.ideas.supportIdea(locals.ctx.user, input.value.id);
    if (!result.ok) return formFailure(locals, result);
    return { supported: id };
  },
};
