import type { FactStatus } from './stakeholders.tables.ts';

export const stakeholderLimits = {
  role: 80,
  name: 120,
  speaksFor: 200,
  introduction: 2000,
  factTitle: 150,
  factBody: 3000,
  sourceTitle: 200,
  sources: 10,
  reason: { min: 3, max: 1000 },
  stepTitle: 150,
  meetingTitle: 150,
  agenda: 5000,
  minutes: 20000,
  recommendationTitle: 150,
  recommendationBody: 5000,
  comment: 2000,
  place: 300,
  agendaItems: 30,
  agendaItem: 200,
};

/** An uploaded document a fact rests on, served at `/files/{id}` to whoever may see the fact. */
export interface FactDocument {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly sizeBytes: number;
}

/**
 * A source a fact rests on: a link, or a document cited by title, with a link when it is online and the
 * document itself when the stakeholder uploaded it.
 */
export interface FactSource {
  readonly kind: 'link' | 'document';
  readonly title: string;
  readonly url: string | null;
  readonly document: FactDocument | null;
}

/** A document a stakeholder sends with a source: the bytes as uploaded, checked by the service. */
export interface SourceUpload {
  readonly filename: unknown;
  readonly contentType: unknown;
  readonly data: Uint8Array;
}

/** A fact as the fact sheet and the review queue show it. */
export interface FactView {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly status: FactStatus;
  readonly reviewReason: string | null;
  readonly stakeholder: { id: string; name: string | null; role: string } | null;
  readonly sources: FactSource[];
  /** The fact this one disputes (number), if any. */
  readonly disputes: number | null;
  /** Approved facts that dispute this one (numbers): when non-empty, the fact sheet marks this fact as disputed. */
  readonly disputedBy: number[];
  readonly updatedAt: Date;
}
