import { error } from '@sveltejs/kit';
import { loadProcess } from './process';

/** The process, its panel and the recommendation with the number in the address, or a 404. */
export async function loadRecommendation(locals: App.Locals, slug: string, number: string) {
  const found = await loadProcess(locals, slug);
  const panel = (await locals.platform.stakeholders.panelsOfProcess(found.process.id))[0];
  const rec = panel && /^\d{1,6}$/.test(number) ? await locals.platform.stakeholders.recommendationByNumber(panel.id, Number(number)) : null;
  if (!panel || !rec) error(404, { message: 'NotFound' });
  return { found, panel, id: rec.id };
}
