import { writeCsv, type CsvValue } from '@tingsted/csv';
import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { ProposalsContext } from './proposals.context.ts';
import { proposalsPolicy } from './proposals.policy.ts';

/** The age groups signatures are counted in (those of the participation report), by age in the calendar year. */
export const signatureAgeGroups = ['0-17', '18-29', '30-44', '45-66', '67+'] as const;

function ageGroupOf(age: number): (typeof signatureAgeGroups)[number] {
  if (age < 18) return '0-17';
  if (age < 30) return '18-29';
  if (age < 45) return '30-44';
  if (age < 67) return '45-66';
  return '67+';
}

/** Signatures as counts per area and age group (staff): never names, so nobody's choice to stay unnamed is undone. */
export function exportingUseCases(ctx: ProposalsContext) {
  const { deps, repo, visibleProposal } = ctx;
  return {
    /** Counts per area and age group ("" where the signer told none), then the total; as rows and as CSV. */
    async signatureCounts(actor: Actor | null, input: { id: string }): Promise<Result<{ rows: { area: string | null; ageGroup: string | null; count: number }[]; total: number; csv: string }>> {
      if (!actor) return fail('NotSignedIn');
      if (!proposalsPolicy.manage(actor)) return fail('Forbidden');
      const found = await visibleProposal(actor, input.id);
      if (!found || found.row.stage === 'draft') return fail('NotFound');
      const year = Number(deps.clock().toISOString().slice(0, 4));
      const counts = new Map<string, { area: string | null; ageGroup: string | null; count: number }>();
      for (const g of await repo.signatureGroups(input.id)) {
        const ageGroup = g.birth_year === null ? null : ageGroupOf(year - g.birth_year);
        const key = `${g.area ?? ''}\u0000${ageGroup ?? ''}`;
        const entry = counts.get(key) ?? { area: g.area, ageGroup, count: 0 };
        entry.count += Number(g.n);
        counts.set(key, entry);
      }
      const order = (group: string | null) => (group === null ? signatureAgeGroups.length : signatureAgeGroups.indexOf(group as (typeof signatureAgeGroups)[number]));
      const rows = [...counts.values()].sort((a, b) => (a.area ?? '\uffff').localeCompare(b.area ?? '\uffff', 'nb') || order(a.ageGroup) - order(b.ageGroup));
      const total = rows.reduce((sum, r) => sum + r.count, 0);
      const lines: CsvValue[][] = [['area', 'age_group', 'signatures'], ...rows.map((r): CsvValue[] => [r.area ?? '', r.ageGroup ?? '', r.count]), ['', '', total]];
      await deps.audit.record({ actorId: actor.id, action: 'proposal.signatures_exported', subjectType: 'proposal', subjectId: input.id });
      return ok({ rows, total, csv: writeCsv(lines, { lineEnding: '\r\n', formulaGuard: true }) });
    },
  };
}
