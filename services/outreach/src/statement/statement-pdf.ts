import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatCents, formatDate, type ClinicBranding, type Language } from '../templates';
import { STATEMENT_LABELS } from './statement-labels';

export interface StatementContent {
  language: Language;
  clinic: ClinicBranding;
  /** YYYY-MM-DD, the patient's calendar. */
  statementDate: string;
  dueDate: string;
  /** Printed on the stub so a mailed cheque finds its balance; opaque, not the EHR's ref. */
  accountNumber: string;
  recipient: { name: string; line1: string; line2?: string; city: string; state: string; postalCode: string };
  serviceDates: { from: string; to: string };
  chargesCents: number;
  insurancePaidCents: number;
  adjustmentsCents: number;
  amountDueCents: number;
  payLink: string;
  remitTo: string;
  /** Reviewed letter copy (title and opening paragraph) from the template catalog. */
  title: string;
  opening: string;
}

const PAGE = { width: 612, height: 792, margin: 48 };
const INK = '#1f2933';
const MUTED = '#52606d';

/**
 * Lays out the one-page statement the domain brief describes. Deterministic for the same content (fixed
 * creation date), so the reference image in docs/ stays comparable.
 */
export async function renderStatementPdf(c: StatementContent): Promise<Buffer> {
  const L = STATEMENT_LABELS[c.language];
  const money = (cents: number) => formatCents(cents, c.language);
  const date = (d: string) => formatDate(d, c.language);
  const qr = await QRCode.toBuffer(c.payLink, { errorCorrectionLevel: 'M', margin: 1, scale: 4 });

  const doc = new PDFDocument({
    size: 'LETTER',
    margin: PAGE.margin,
    info: { Title: c.title, Author: c.clinic.name, CreationDate: new Date(`${c.statementDate}T12:00:00Z`) },
    lang: c.language,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;

  // Header: clinic on the left, statement facts on the right.
  doc.rect(0, 0, PAGE.width, 6).fill(c.clinic.colour);
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(16).text(c.clinic.name, left, 28, { width: width / 2 });
  doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(c.clinic.phone, left, doc.y + 2);
  doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(L.statement, left + width / 2, 30, { width: width / 2, align: 'right' });
  doc.font('Helvetica').fontSize(9).fillColor(MUTED)
    .text(`${L.statementDate}: ${date(c.statementDate)}`, left + width / 2, 46, { width: width / 2, align: 'right' })
    .text(`${L.account}: ${c.accountNumber}`, { width: width / 2, align: 'right' });

  // Address block where a window envelope shows it.
  const r = c.recipient;
  doc.font('Helvetica').fontSize(10).fillColor(INK)
    .text([r.name, r.line1, r.line2, `${r.city}, ${r.state} ${r.postalCode}`].filter(Boolean).join('\n'), left, 84, { width: 260 });

  // Summary box.
  let y = 150;
  const boxH = 92;
  doc.roundedRect(left, y, width, boxH, 4).lineWidth(1).strokeColor('#9aa5b1').stroke();
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(L.summary, left + 12, y + 10);
  const rows: [string, string][] = [
    [L.serviceDates, c.serviceDates.from === c.serviceDates.to ? date(c.serviceDates.from) : `${date(c.serviceDates.from)} – ${date(c.serviceDates.to)}`],
    [L.charges, money(c.chargesCents)],
    [L.insurancePaid, `– ${money(c.insurancePaidCents)}`],
    ...(c.adjustmentsCents > 0 ? ([[L.adjustments, `– ${money(c.adjustmentsCents)}`]] as [string, string][]) : []),
    [L.patientPortion, money(c.amountDueCents)],
  ];
  let ry = y + 26;
  for (const [label, value] of rows) {
    const last = label === L.patientPortion;
    doc.font(last ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5).fillColor(INK)
      .text(label, left + 12, ry, { width: width / 2 })
      .text(value, left + width / 2, ry, { width: width / 2 - 12, align: 'right' });
    ry += 12.5;
  }

  // Amount due and due date, centred and bold.
  y += boxH + 16;
  doc.font('Helvetica-Bold').fontSize(12).fillColor(MUTED).text(L.amountDue, left, y, { width, align: 'center' });
  doc.font('Helvetica-Bold').fontSize(26).fillColor(INK).text(money(c.amountDueCents), left, y + 16, { width, align: 'center' });
  doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text(`${L.dueBy}: ${date(c.dueDate)}`, left, y + 48, { width, align: 'center' });

  // Letter copy from the catalog.
  y += 74;
  doc.font('Helvetica').fontSize(9.5).fillColor(INK).text(c.opening, left, y, { width });

  // Ways to pay (QR, short URL, phone, mail) beside the help box.
  y = doc.y + 12;
  const colW = width * 0.58;
  doc.font('Helvetica-Bold').fontSize(11).text(L.waysToPay, left, y);
  doc.image(qr, left, y + 18, { width: 76 });
  const tx = left + 88;
  doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(L.scan, tx, y + 20, { width: colW - 88 });
  doc.font('Helvetica-Bold').fontSize(9).fillColor(INK).text(`${L.online}:`, tx, y + 36).font('Helvetica').text(c.payLink, tx, y + 47, { width: colW - 88 });
  doc.font('Helvetica-Bold').text(`${L.phone}:`, tx, y + 62).font('Helvetica').text(c.clinic.phone, tx, y + 73);
  doc.font('Helvetica').fontSize(8.5).fillColor(INK).text(`${L.mail} ${c.clinic.name}.`, left, y + 100, { width: colW - 8 });

  const hx = left + colW + 8;
  const hw = width - colW - 8;
  doc.roundedRect(hx, y, hw, 118, 4).fillAndStroke('#f4f5f7', '#9aa5b1');
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(10).text(L.help, hx + 10, y + 10, { width: hw - 20 });
  doc.font('Helvetica-Bold').fontSize(9).text(`${L.directLine}:`, hx + 10, y + 40).font('Helvetica').text(c.clinic.phone, hx + 10, y + 51);
  doc.font('Helvetica-Bold').text(`${L.hours}:`, hx + 10, y + 68).font('Helvetica').text(c.clinic.hours[c.language] ?? '', hx + 10, y + 79, { width: hw - 20 });

  // The "call us if this looks wrong" line, on its own so it is not missed.
  y += 132;
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(L.looksWrong, left, y, { width, align: 'center' });

  // Mail-in stub.
  const stubY = PAGE.height - 150;
  doc.moveTo(left, stubY).lineTo(left + width, stubY).dash(4, { space: 3 }).strokeColor('#9aa5b1').stroke().undash();
  doc.font('Helvetica').fontSize(7.5).fillColor(MUTED).text(L.detach, left, stubY + 4, { width, align: 'center' });
  const sy = stubY + 22;
  doc.font('Helvetica-Bold').fontSize(9).fillColor(INK).text(c.clinic.name, left, sy);
  doc.font('Helvetica').fontSize(8.5)
    .text(`${L.account}: ${c.accountNumber}`, left, sy + 14)
    .text(`${L.amountDue}: ${money(c.amountDueCents)}`, left, sy + 26)
    .text(`${L.dueBy}: ${date(c.dueDate)}`, left, sy + 38);
  doc.text(`${L.enclosed}: $ ______________`, left + width / 2, sy + 14, { width: width / 2 });
  doc.font('Helvetica-Bold').text(`${L.remitTo}:`, left + width / 2, sy + 38).font('Helvetica').text(c.remitTo, left + width / 2, sy + 50, { width: width / 2 });

  doc.end();
  return done;
}
