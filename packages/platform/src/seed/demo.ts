import type { Platform } from '../platform.ts';

/** The password every demo account shares; printed by `tingsted seed` and in the README. */
export const demoPassword = 'demo-passord-2026';

/** The demo accounts: staff in every role, a decision-maker and a few residents. */
export const demoUsers = [
  { email: 'admin@demo.tingsted.no', displayName: 'Ada Administrator', roles: ['administrator'] },
  { email: 'prosess@demo.tingsted.no', displayName: 'Per Prosessansvarlig', roles: ['process_manager'] },
  { email: 'moderator@demo.tingsted.no', displayName: 'Mona Moderator', roles: ['moderator'] },
  { email: 'ordforer@demo.tingsted.no', displayName: 'Olav Ordfører', roles: ['decision_maker'] },
  { email: 'kari@demo.tingsted.no', displayName: 'Kari Nordmann', roles: ['resident'] },
  { email: 'ola@demo.tingsted.no', displayName: 'Ola Nordmann', roles: ['resident'] },
  { email: 'sara@demo.tingsted.no', displayName: 'Sara Haugen', roles: ['resident'] },
] as const;

/**
 * Seeds "Demo kommune": settings, staff, residents and processes in draft, open and closed states.
 * Idempotent: running it again changes nothing that exists.
 */
export async function seedDemo(platform: Platform): Promise<{ users: number; processes: number }> {
  await platform.municipality.ensure({ name: 'Demo kommune', logoUrl: null, primaryColour: '#1f5f8b', defaultLocale: 'nb' });
  const ids: Record<string, string> = {};
  for (const user of demoUsers) {
    ids[user.email] = await platform.accounts.ensureUser({
      email: user.email,
      displayName: user.displayName,
      password: demoPassword,
      roles: user.roles,
    });
  }
  const manager = ids['prosess@demo.tingsted.no'] ?? null;
  const year = new Date().getUTCFullYear();
  const processes = [
    {
      slug: 'ny-sentrumsplan',
      status: 'published' as const,
      title: { nb: 'Ny sentrumsplan', nn: 'Ny sentrumsplan', en: 'A new plan for the town centre' },
      summary: {
        nb: 'Hvordan skal sentrum se ut i 2040? Kommunen vil høre hva du mener før planen legges fram for kommunestyret.',
        nn: 'Korleis skal sentrum sjå ut i 2040? Kommunen vil høyre kva du meiner før planen vert lagd fram for kommunestyret.',
        en: 'What should the town centre look like in 2040? The municipality wants to hear from you before the plan goes to the council.',
      },
      startsOn: `${year}-09-01`,
      endsOn: `${year + 1}-02-28`,
    },
    {
      slug: 'trygg-skolevei',
      status: 'published' as const,
      title: { nb: 'Trygg skolevei', en: 'Safe routes to school' },
      summary: {
        nb: 'Meld inn steder der barn opplever skoleveien som utrygg, og stem på tiltakene som bør komme først.',
        en: 'Tell us where children feel unsafe on their way to school, and vote on which measures should come first.',
      },
      startsOn: `${year}-10-01`,
      endsOn: `${year + 1}-01-15`,
    },
    {
      slug: 'budsjett-for-nabolaget',
      status: 'draft' as const,
      title: { nb: 'Budsjett for nabolaget', en: 'A budget for the neighbourhood' },
      summary: {
        nb: 'Innbyggerne foreslår og stemmer over prosjekter for to millioner kroner.',
        en: 'Residents propose and vote on projects worth two million kroner.',
      },
      startsOn: `${year + 1}-03-01`,
      endsOn: `${year + 1}-06-30`,
    },
    {
      slug: 'ny-badeplass',
      status: 'closed' as const,
      title: { nb: 'Ny badeplass ved fjorden', en: 'A new bathing spot by the fjord' },
      summary: {
        nb: 'Innspillene er behandlet, og kommunestyret vedtok badeplassen i juni.',
        en: 'The input has been answered, and the council approved the bathing spot in June.',
      },
      startsOn: `${year - 1}-03-01`,
      endsOn: `${year - 1}-05-31`,
    },
  ];
  for (const process of processes) await platform.processes.ensureProcess({ ...process, createdBy: manager });
  return { users: demoUsers.length, processes: processes.length };
}
