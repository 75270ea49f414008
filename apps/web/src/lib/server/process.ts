import { error } from '@sveltejs/kit';
import { resolveText } from '@tingsted/platform/shared';

/** The process named in the URL with its title in the reader's language, or a 404. */
export async function loadProcess(locals: App.Locals, slug: string) {
  const result = await locals.platform.processes.getProcess(locals.ctx.user, slug);
  if (!result.ok) error(404, { message: 'NotFound' });
  const process = result.value;
  const title = resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale);
  const ideaPhases = process.phases.filter((p) => p.method === 'ideas');
  // Ideas are posted in the open ideas phase; lists show all of the process's ideas.
  const openIdeasPhase = ideaPhases.find((p) => p.state === 'open') ?? null;
  return { process, title: title.text, titleLang: title.locale, openIdeasPhase, hasIdeas: ideaPhases.length > 0 };
}
