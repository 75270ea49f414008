/**
 * Seeded synthetic conversations for the benchmark: participants hold a position drawn from a mixture of
 * opinion camps in a 2-D latent space, statements have latent directions, and P(agree) follows the dot product.
 * Participants vote on a random subset (heavy-tailed counts, earlier statements more likely), as in Pol.is.
 */
import { createRandom } from '../src/prng.ts';
import { applyVote, createConversation, upsertStatement, type ConversationState, type Vote } from '../src/state.ts';

/** Size of a synthetic conversation. */
export interface SyntheticSpec {
  participants: number;
  statements: number;
  votes: number;
  seed: string;
}

/** Generates a conversation with about `votes` votes (exact count reported in state.nVotes). */
export function syntheticConversation(spec: SyntheticSpec): ConversationState {
  const rnd = createRandom(spec.seed);
  const gauss = (): number => {
    const u = Math.max(rnd(), 1e-12), v = rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const state = createConversation();
  const nS = spec.statements;
  const sx = new Float64Array(nS), sy = new Float64Array(nS), sb = new Float64Array(nS);
  for (let s = 0; s < nS; s++) {
    upsertStatement(state, { id: s, moderation: rnd() < 0.05 ? 'rejected' : 'accepted', isMeta: s < 3 });
    sx[s] = gauss(); sy[s] = gauss() * 0.6; sb[s] = gauss() * 0.5;
  }
  const camps = [[1.2, 0.2], [-1.0, 0.6], [0.1, -1.3]] as const;
  const mean = spec.votes / spec.participants;
  for (let p = 0; p < spec.participants; p++) {
    const c = camps[Math.floor(rnd() * camps.length)]!;
    const px = c[0] + gauss() * 0.5, py = c[1] + gauss() * 0.5;
    // heavy-tailed number of votes with the requested mean (exponential, at least 1, at most all statements)
    const k = Math.min(nS, Math.max(1, Math.round(-Math.log(Math.max(rnd(), 1e-12)) * mean)));
    const seen = new Set<number>();
    while (seen.size < k) {
      // earlier statements are shown more often (Pol.is routes by priority, older statements accumulate votes)
      const s = Math.min(nS - 1, Math.floor(nS * Math.pow(rnd(), 1.3)));
      if (seen.has(s)) { if (seen.size > nS * 0.7) { for (let t = 0; t < nS && seen.size < k; t++) seen.add(t); } continue; }
      seen.add(s);
    }
    for (const s of seen) {
      const z = 2.5 * (px * sx[s]! + py * sy[s]!) + sb[s]!;
      const pa = 1 / (1 + Math.exp(-z));
      const r = rnd();
      const vote: Vote = r < 0.12 ? 0 : rnd() < pa ? 1 : -1;
      applyVote(state, p, s, vote);
    }
  }
  return state;
}
