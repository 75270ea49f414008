// Reproduction of Pol.is's stored math results (../shared/data/polis) — see README "Reproduction".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from './analyze.ts';
import { buildConversation } from './formats.ts';
import { adjustedRandIndex } from './metrics.ts';
import { dataDir, hasPolisData, loadOpenData, loadPcod } from './testdata.ts';

test('the Pol.is reference data is present', () => {
  assert.ok(hasPolisData(), `shared data not found at ${dataDir()}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
});

for (const id of ['3atycmhmer', '5sw7wa5dep', '6bmejxaanc']) {
  test(`pcod ${id}: given Pol.is's in-conv and base clusters, the stored result is reproduced`, () => {
    const { state, math } = loadPcod(id);
    const r = analyze(state, { inConv: math.inConv, baseClusters: math.baseClusters.members });
    assert.deepEqual(r.statements, math.tids, 'same statement columns');
    const colOf = new Map(r.statements.map((s, j) => [s, j]));
    for (let k = 0; k < 2; k++) {
      let dot = 0, n1 = 0, n2 = 0;
      math.tids.forEach((t, i) => {
        const a = r.pca.comps[k]![colOf.get(t)!]!, b = math.pca.comps[k]![i]!;
        dot += a * b; n1 += a * a; n2 += b * b;
      });
      assert.ok(Math.abs(dot) / Math.sqrt(n1 * n2) >= 0.999999, `component ${k} |cos| ${Math.abs(dot) / Math.sqrt(n1 * n2)}`);
    }
    math.pca.center.forEach((c, i) => assert.ok(Math.abs(c - r.pca.center[i]!) < 1e-9, `center of ${math.tids[i]}`));
    // base-cluster centres follow from the participants' projections (checks the sparsity-aware scaling)
    const pos = new Map(r.participants.map((p) => [p.id, p]));
    math.baseClusters.members.forEach((members, b) => {
      let x = 0, y = 0;
      for (const m of members) { x += pos.get(m)!.x; y += pos.get(m)!.y; }
      // components may differ in sign from Pol.is's: compare magnitudes along each axis
      assert.ok(Math.abs(Math.abs(x / members.length) - Math.abs(math.baseClusters.x[b]!)) < 1e-6, `base cluster ${b} x`);
      assert.ok(Math.abs(Math.abs(y / members.length) - Math.abs(math.baseClusters.y[b]!)) < 1e-6, `base cluster ${b} y`);
    });
    // same groups (as sets of participants)
    const baseById = new Map(math.baseClusters.id.map((b, i) => [b, math.baseClusters.members[i]!]));
    const key = (ids: readonly (string | number)[]): string => ids.map(Number).sort((a, b) => a - b).join(',');
    const stored = math.groupClusters.map((g) => key(g.members.flatMap((b) => baseById.get(b)!)));
    const mine = r.groups.map((g) => key(g.members));
    const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    assert.deepEqual([...mine].sort(byText), [...stored].sort(byText));
    // repness lists identical (statement, side, order) and values equal
    math.groupClusters.forEach((g, gi) => {
      const myGroup = r.groups[mine.indexOf(stored[gi]!)]!;
      const expected = math.repness[String(g.id)]!;
      const got = r.repness[String(myGroup.id)]!;
      assert.deepEqual(got.map((e) => `${String(e.statement)}${e['repful-for']}`), expected.map((e) => `${e.tid}${e['repful-for']}`), `repness of group ${g.id}`);
      expected.forEach((e, i) => {
        assert.ok(Math.abs((e.repness as number) - got[i]!.repness) < 1e-9 * Math.max(1, Math.abs(e.repness as number)));
        assert.ok(Math.abs((e['repness-test'] as number) - got[i]!['repness-test']) < 1e-5);
        assert.equal(got[i]!['best-agree'] === true, e['best-agree'] === true);
      });
    });
    // consensus lists identical
    assert.ok(math.consensus);
    for (const side of ['agree', 'disagree'] as const) {
      assert.deepEqual(r.consensus[side].map((e) => e.statement), math.consensus[side].map((e) => e.tid), `consensus ${side}`);
      math.consensus[side].forEach((e, i) => assert.ok(Math.abs(e['p-test']! - r.consensus[side][i]!['p-test']) < 1e-9));
    }
    // group-aware consensus within 1e-9, routing priorities within 1e-8 relative
    for (const e of r.groupAwareConsensus) assert.ok(Math.abs(e.value - math.groupAwareConsensus[String(e.statement)]!) < 1e-9, `gac ${String(e.statement)}`);
    for (const e of r.priorities) {
      const ref = math.commentPriorities[String(e.statement)]!;
      assert.ok(Math.abs(e.priority - ref) <= 1e-8 * Math.max(1, ref), `priority ${String(e.statement)}: ${e.priority} vs ${ref}`);
    }
    // comment extremity (from the comment projection)
    if (math.pca.commentExtremity) math.pca.commentExtremity.forEach((x, i) => assert.ok(Math.abs(x - r.pca.commentExtremity[i]!) < 1e-9));
  });
}

test('pcod 3atycmhmer: silhouettes from scratch clustering of Pol.is base clusters match the stored k choice', () => {
  const { state, math } = loadPcod('3atycmhmer');
  const r = analyze(state, { inConv: math.inConv, baseClusters: math.baseClusters.members });
  const expected: Record<string, number> = { 2: 0.440, 3: 0.338, 4: 0.332, 5: 0.321 };
  for (const [k, v] of Object.entries(expected)) assert.ok(Math.abs(r.silhouettes[k]! - v) < 0.0006, `k=${k}: ${r.silhouettes[k]}`);
});

test('openData scoop-hivemind.biodiversity from scratch: groups agree with Pol.is group-id (ARI > 0.9)', () => {
  const d = loadOpenData('scoop-hivemind.biodiversity');
  const r = analyze(buildConversation(d.comments, d.votes));
  const mine = new Map(r.participants.map((p) => [p.id, p.group]));
  const a: number[] = [], b: number[] = [];
  for (const row of d.participants) {
    const g = mine.get(row.participant);
    if (row.groupId !== null && g !== null && g !== undefined) { a.push(row.groupId); b.push(g); }
  }
  assert.ok(a.length > 400);
  const ari = adjustedRandIndex(a, b);
  assert.ok(ari > 0.9, `ARI ${ari}`);
});

test('openData vtaiwan.uberx with its own group-ids: group-aware consensus and consensus match the reference', () => {
  const d = loadOpenData('vtaiwan.uberx');
  const byGroup = new Map<number, (string | number)[]>();
  for (const row of d.participants) if (row.groupId !== null) byGroup.set(row.groupId, [...(byGroup.get(row.groupId) ?? []), row.participant]);
  const groups = [...byGroup.entries()].sort((x, y) => x[0] - y[0]).map(([id, members]) => ({ id, members }));
  const r = analyze(buildConversation(d.comments, d.votes), { groups, bridging: false });
  assert.deepEqual(r.groupAwareConsensus.slice(0, 10).map((e) => e.statement), [40, 16, 7, 111, 64, 141, 65, 68, 104, 139]);
  assert.deepEqual(r.consensus.agree.map((e) => e.statement), [40, 16, 7, 68, 65]);
});

test('openData vtaiwan.uberx: the clustering-free bridging ranking agrees with group-aware consensus on Pol.is groups', () => {
  const d = loadOpenData('vtaiwan.uberx');
  const r = analyze(buildConversation(d.comments, d.votes));
  const top = r.bridging.slice(0, 10).map((e) => e.statement);
  const gacTop = [40, 16, 7, 111, 64, 141, 65, 68, 104, 139];
  const shared = top.filter((s) => gacTop.includes(s as number)).length;
  assert.ok(shared >= 7, `bridging top-10 ${top.join(',')} shares ${shared} with the group-aware consensus top-10`);
  assert.ok(r.bridging.slice(0, 20).every((e) => e.votes >= 20), 'statements with a handful of votes do not reach the top');
});
