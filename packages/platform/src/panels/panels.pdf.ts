import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Locale } from '../i18n/locales.ts';
import { translate } from '../i18n/translate.ts';

/** One letter's addressee and personal code. */
export interface Letter {
  readonly name: string;
  readonly address: string;
  readonly postcode: string;
  readonly city: string;
  readonly code: string;
}

/** What every letter of a mail-out shares. */
export interface LetterBatch {
  readonly locale: Locale;
  readonly municipality: string;
  readonly panelTitle: string;
  readonly size: number;
  /** Date printed on the letters, already formatted. */
  readonly date: string;
  /** Sessions, already formatted ("12 March 2027, Town hall"). */
  readonly sessions: readonly string[];
  /** The registration page; the code is added as `?code=`. */
  readonly registerUrl: string;
  /** The short address before the code (`https://…/p/`): when given, letters print `/p/<code>` and its QR code. */
  readonly shortUrl?: string;
  /** The reply date, already formatted. */
  readonly replyBy?: string;
  /** Whom to ask (name, phone, e-mail; empty parts are left out). */
  readonly contact?: { readonly name: string; readonly phone: string; readonly email: string };
}

function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}

/** Draws a QR code as vector squares (sharp at any print size, and faster than embedding an image). */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 8);
  const origin = { x: x + 4 * cell, y: y + 4 * cell };
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(row, col)) doc.rect(origin.x + col * cell, origin.y + row * cell, cell, cell);
    }
  }
  doc.fillColor('#000000').fill();
}

/**
 * Every invitation letter of a mail-out as one printable A4 PDF, one letter a page, in the chosen language:
 * address block for a window envelope, the invitation, the personal code and a QR code that opens the
 * registration page with the code filled in. The built-in Helvetica covers æ ø å ä ö (WinAnsi encoding).
 */
export async function invitationLettersPdf(batch: LetterBatch, letters: readonly Letter[]): Promise<Uint8Array<ArrayBuffer>> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(batch.locale, key, params);
  const doc = new PDFDocument({ size: 'A4', margin: 60, autoFirstPage: false, info: { Title: t('panels.letter.heading', { title: batch.panelTitle }), Author: batch.municipality } });
  const done = collect(doc);
  const sessions = batch.sessions.length > 0 ? t('panels.letter.sessions', { list: batch.sessions.join('; ') }) : '';
  const c = batch.contact;
  const contact = c && (c.name || c.phone || c.email) ? t('panels.letter.contact', { who: [c.name, c.phone, c.email].filter((x) => x !== '').join(', ') }) : '';
  for (const letter of letters) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(14).text(batch.municipality, 60, 50);
    doc.font('Helvetica').fontSize(10).text(batch.date, 60, 50, { align: 'right' });
    // Window envelope position (C5/DL, left window).
    doc.fontSize(11).text(letter.name, 60, 130).text(letter.address).text(`${letter.postcode} ${letter.city}`.trim());
    doc.font('Helvetica-Bold').fontSize(16).text(t('panels.letter.heading', { title: batch.panelTitle }), 60, 250, { width: 475 });
    doc.moveDown(0.8).font('Helvetica').fontSize(11);
    doc.text(t('panels.letter.body', { size: batch.size, municipality: batch.municipality }), { width: 475 });
    if (sessions) doc.moveDown(0.6).text(sessions, { width: 475 });
    doc.moveDown(0.6).text(t('panels.letter.chance'), { width: 475 });
    if (batch.replyBy) doc.moveDown(0.6).font('Helvetica-Bold').text(t('panels.letter.replyBy', { date: batch.replyBy }), { width: 475 }).font('Helvetica');
    if (contact) doc.moveDown(0.6).text(contact, { width: 475 });
    const boxTop = 560;
    doc.font('Helvetica-Bold').fontSize(12).text(t('panels.letter.codeLabel'), 60, boxTop);
    doc.font('Courier-Bold').fontSize(22).text(letter.code, 60, boxTop + 20);
    const personal = batch.shortUrl ? `${batch.shortUrl}${letter.code}` : `${batch.registerUrl}?code=${encodeURIComponent(letter.code)}`;
    doc.font('Helvetica').fontSize(11).text(batch.shortUrl ? t('panels.letter.registerShort', { url: personal }) : t('panels.letter.register', { url: batch.registerUrl }), 60, boxTop + 55, { width: 300 });
    drawQr(doc, personal, 400, boxTop - 10, 135);
    doc.fillColor('#000000').font('Helvetica').fontSize(9).text(t('panels.letter.privacy', { municipality: batch.municipality }), 60, 720, { width: 475 });
  }
  doc.end();
  return done;
}

/** A "not selected this time" letter: the addressee, and whether they stay on the reserve list. */
export interface NotSelectedLetter {
  readonly name: string;
  readonly address: string;
  readonly postcode: string;
  readonly city: string;
  readonly onReserve: boolean;
}

/**
 * The "not selected this time" letters after a draw as one printable A4 PDF, one letter a page, in the chosen
 * language: the address block for a window envelope (as on the invitations), thanks, that the draw is made, the
 * reserve list (or why not on it), where to follow the panel, and when the details are deleted.
 */
export async function notSelectedLettersPdf(
  batch: { readonly locale: Locale; readonly municipality: string; readonly panelTitle: string; readonly date: string; readonly panelUrl: string; readonly deleteOn?: string },
  letters: readonly NotSelectedLetter[],
): Promise<Uint8Array<ArrayBuffer>> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(batch.locale, key, { municipality: batch.municipality, title: batch.panelTitle, ...params });
  const doc = new PDFDocument({ size: 'A4', margin: 60, autoFirstPage: false, info: { Title: t('panels.notSelected.heading'), Author: batch.municipality } });
  const done = collect(doc);
  for (const letter of letters) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(14).text(batch.municipality, 60, 50);
    doc.font('Helvetica').fontSize(10).text(batch.date, 60, 50, { align: 'right' });
    doc.fontSize(11).text(letter.name, 60, 130).text(letter.address).text(`${letter.postcode} ${letter.city}`.trim());
    doc.font('Helvetica-Bold').fontSize(16).text(t('panels.notSelected.heading'), 60, 250, { width: 475 });
    doc.moveDown(0.8).font('Helvetica').fontSize(11);
    doc.text(t('panels.notSelected.body'), { width: 475 });
    doc.moveDown(0.6).text(t(letter.onReserve ? 'panels.notSelected.reserve' : 'panels.notSelected.noReserve'), { width: 475 });
    doc.moveDown(0.6).text(`${t('panels.notSelected.follow')} ${batch.panelUrl}`, { width: 475 });
    if (batch.deleteOn) doc.moveDown(0.6).text(t('panels.notSelected.deleteOn', { date: batch.deleteOn }), { width: 475 });
    doc.moveDown(1.2).text(t('mail.signature'), { width: 475 });
  }
  doc.end();
  return done;
}

/** One recommendation as the final report lists it. */
export interface ReportRecommendation {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly status: string;
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly approval: number;
}

/** The panel's final report: the recommendations with their vote results. */
export async function finalReportPdf(input: {
  locale: Locale;
  municipality: string;
  panelTitle: string;
  intro: string;
  approvalPercent: number;
  recommendations: readonly ReportRecommendation[];
}): Promise<Uint8Array<ArrayBuffer>> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(input.locale, key, params);
  const doc = new PDFDocument({ size: 'A4', margin: 60, info: { Title: t('panels.report.title', { title: input.panelTitle }), Author: input.municipality } });
  const done = collect(doc);
  doc.font('Helvetica').fontSize(10).text(input.municipality);
  doc.moveDown().font('Helvetica-Bold').fontSize(20).text(t('panels.report.title', { title: input.panelTitle }));
  doc.moveDown(0.5).font('Helvetica').fontSize(11).text(input.intro);
  doc.moveDown(0.5).text(t('panels.report.threshold', { percent: input.approvalPercent }));
  for (const r of input.recommendations) {
    doc.moveDown(1).font('Helvetica-Bold').fontSize(13).text(`${r.number}. ${r.title}`);
    doc.font('Helvetica').fontSize(11).text(r.body);
    doc.moveDown(0.3).font('Helvetica-Oblique').text(t('panels.report.votes', { yes: r.yes, no: r.no, abstain: r.abstain, percent: r.approval }) + ' – ' + r.status);
  }
  doc.end();
  return done;
}
