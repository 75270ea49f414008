import PDFDocument from 'pdfkit';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { translate } from '../i18n/translate.ts';
import { resolveText } from '../shared/localized.ts';
import type { ConversationReport, ReportStatement } from './report.types.ts';

function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}

/** Helvetica's WinAnsi has no narrow no-break space (some languages' number and date formats use it). */
function winAnsi(text: string): string {
  return text.replace(/[\u202f\u2009]/g, '\u00a0');
}

const colours = ['#1f5f8b', '#b35900', '#2e7d32', '#7b1fa2', '#8d6e00'];

/**
 * A conversation's report as a printable A4 PDF in `locale`: the same content as the report page (question,
 * revision, participation by day as bars and figures, the opinion map drawn from the stored SVG paths, each
 * group's distinctive statements with raw figures, consensus, divisive and bridging statements, moderation
 * counts, method, licence and the export's addresses). Built-in Helvetica, as the panel letters.
 */
export async function conversationReportPdf(report: ConversationReport, options: { locale: Locale; municipality: string; municipalityLocale: Locale; timeZone: string; baseUrl: string }): Promise<Uint8Array<ArrayBuffer>> {
  const { locale } = options;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => winAnsi(translate(locale, key, params));
  const title = resolveText(report.conversation.processTitle, locale, options.municipalityLocale).text;
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${t('conversations.report.title')}: ${report.conversation.question}`, Author: options.municipality } });
  const done = collect(doc);
  const width = doc.page.width - 112;
  const heading = (text: string) => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(1).font('Helvetica-Bold').fontSize(14).fillColor('#000000').text(text, 56, doc.y, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(10.5);
  };
  const figures = (s: ReportStatement) =>
    s.side === null
      ? t('conversations.report.totals', { agree: s.totals[0], disagree: s.totals[1], pass: s.totals[2] })
      : t(s.side === 'agree' ? 'conversations.report.agreed' : 'conversations.report.disagreed', { count: formatNumber(locale, s.count), seen: formatNumber(locale, s.seen), percent: winAnsi(formatPercent(locale, s.seen === 0 ? 0 : s.count / s.seen)) });
  const list = (statements: readonly ReportStatement[]) => {
    if (statements.length === 0) doc.text(t('conversations.report.none'), { width });
    for (const s of statements) {
      doc.font('Helvetica-Bold').text(`${s.number}. `, { continued: true, width }).font('Helvetica').text(winAnsi(s.text), { width });
      doc.fillColor('#444444').text(figures(s), { width, indent: 14 }).fillColor('#000000').moveDown(0.3);
    }
  };

  doc.font('Helvetica').fontSize(10).text(winAnsi(options.municipality));
  doc.text(winAnsi(title));
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(20).text(t('conversations.report.title'), { width });
  doc.moveDown(0.3).font('Helvetica').fontSize(13).text(winAnsi(report.conversation.question), { width });
  doc.moveDown(0.4).fontSize(9.5).fillColor('#444444').text(t('conversations.report.revision', { revision: report.revision, date: winAnsi(formatDateTime(locale, report.computedAt, options.timeZone)) }), { width });
  if (report.revision !== report.latestRevision) doc.text(t('conversations.report.olderRevision', { latest: report.latestRevision }), { width });
  doc.fillColor('#000000');

  heading(t('conversations.report.participationHeading'));
  doc.text(t('conversations.report.participationSummary', { participants: formatNumber(locale, report.participation.participants), votes: formatNumber(locale, report.participation.votes), inGroups: formatNumber(locale, report.participation.inGroups) }), { width });
  const days = report.participation.days;
  if (days.length > 0) {
    doc.moveDown(0.5);
    const top = doc.y;
    const chartHeight = 90;
    const max = Math.max(...days.map((d) => d.votes), 1);
    const bar = Math.min(24, width / days.length);
    days.forEach((d, i) => {
      const h = (d.votes / max) * chartHeight;
      doc.rect(56 + i * bar + 1, top + chartHeight - h, Math.max(bar - 2, 0.5), h).fill('#1f5f8b');
    });
    doc.fillColor('#000000').moveTo(56, top + chartHeight).lineTo(56 + width, top + chartHeight).lineWidth(0.5).stroke();
    doc.fontSize(8).text(winAnsi(formatDate(locale, days[0]?.day, options.timeZone)), 56, top + chartHeight + 3);
    doc.text(winAnsi(formatDate(locale, days[days.length - 1]?.day, options.timeZone)), 56, top + chartHeight + 3, { width, align: 'right' });
    doc.fontSize(9).moveDown(0.8);
    doc.font('Helvetica-Bold').text(`${t('conversations.report.colDay')} – ${t('conversations.report.colVotes')} – ${t('conversations.report.colNewParticipants')}`, 56, doc.y, { width });
    doc.font('Helvetica');
    for (const d of days) doc.text(`${winAnsi(formatDate(locale, d.day, options.timeZone))}: ${formatNumber(locale, d.votes)} – ${formatNumber(locale, d.newParticipants)}`, { width });
    doc.fontSize(10.5);
  }

  heading(t('conversations.report.mapHeading'));
  doc.text(t('conversations.report.mapDescription'), { width });
  if (doc.y > doc.page.height - 300) doc.addPage();
  const mapTop = doc.y + 6;
  const mapSize = 240;
  const scale = mapSize / report.map.size;
  doc.save().translate(56, mapTop).scale(scale);
  doc.rect(0, 0, report.map.size, report.map.size).lineWidth(2).stroke('#cccccc');
  doc.path(report.map.ungrouped || 'M0,0').lineWidth(9).lineCap('round').stroke('#888888');
  report.map.groups.forEach((g, i) => {
    const colour = colours[i % colours.length] ?? '#000000';
    if (g.outline) doc.path(g.outline).lineWidth(3).stroke(colour);
    if (g.dots) doc.path(g.dots).lineWidth(11).lineCap('round').stroke(colour);
    doc.fillColor('#000000').font('Helvetica-Bold').fontSize(44).text(g.label, g.cx - 20, g.cy - 22, { lineBreak: false });
  });
  doc.restore();
  doc.font('Helvetica').fontSize(10.5).fillColor('#000000');
  doc.y = mapTop + mapSize + 8;
  doc.x = 56;
  for (const g of report.map.groups) doc.text(t('conversations.report.groupSize', { label: g.label, size: g.size }), { width });

  heading(t('conversations.report.groupsHeading'));
  for (const g of report.groups) {
    doc.font('Helvetica-Bold').text(t('conversations.report.groupSize', { label: g.label, size: g.size }), { width }).font('Helvetica').moveDown(0.2);
    list(g.statements);
    doc.moveDown(0.3);
  }
  if (report.groups.length === 0) doc.text(t('conversations.report.none'), { width });
  heading(t('conversations.report.consensusHeading'));
  list(report.consensus);
  heading(t('conversations.report.divisiveHeading'));
  list(report.divisive);
  heading(t('conversations.report.bridgingHeading'));
  list(report.bridging);

  heading(t('conversations.report.moderationHeading'));
  doc.text(t('conversations.report.moderationCounts', report.moderation), { width });
  heading(t('conversations.report.methodHeading'));
  doc.text(t('conversations.report.method', report.method), { width });
  doc.moveDown(0.3).text(t('conversations.report.numbersNote'), { width });
  doc.moveDown(0.3).text(t('conversations.report.licence', { licence: report.licence }), { width });
  if (report.source) doc.moveDown(0.3).text(t('conversations.report.source', { name: report.source.name }) + (report.source.url ? ` ${report.source.url}` : ''), { width });
  heading(t('conversations.report.exportHeading'));
  for (const e of report.exports) doc.fillColor('#1f5f8b').text(`${options.baseUrl}${e.path}`, { width, link: `${options.baseUrl}${e.path}` });
  doc.end();
  return done;
}
