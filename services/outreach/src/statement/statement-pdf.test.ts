import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderStatementPdf } from './statement-pdf';
import { SAMPLE_STATEMENT } from './sample-statement';


const textOf = (pdf: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'statement-'));
  const file = join(dir, 's.pdf');
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);
  return { text: execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/[ \t]+/g, ' '), pages };
};

describe('statement PDF', () => {
  it('shows every required part on one page (English)', async () => {
    const { text, pages } = textOf(await renderStatementPdf(SAMPLE_STATEMENT));
    expect(pages).toBe(1);
    for (const part of [
      'Maple Street Clinic',
      'Robin Okafor',
      '12 Elm St',
      'Summary of your visit',
      'Service dates',
      'October 14, 2026 – November 4, 2026',
      'Charges',
      '$480.00',
      'Insurance paid',
      '$335.00',
      'Adjustments',
      'Your portion',
      'Amount due',
      '$125.00',
      'Please pay by: December 30, 2026',
      'Ways to pay',
      'Scan with your phone camera',
      'https://pay.example.com/p/Ab3xY9',
      'By phone',
      '(555) 010-0142',
      'By mail',
      'Questions? We are here to help',
      'Direct line',
      'Monday to Friday, 8 am to 6 pm',
      'looks wrong, call us',
      'detach and return',
      'Amount enclosed',
      'PO Box 1000',
      'K7Q2-93XD',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('is in Spanish when the patient reads Spanish', async () => {
    const { text, pages } = textOf(
      await renderStatementPdf({ ...SAMPLE_STATEMENT, language: 'es', title: 'Su estado de cuenta', opening: 'Estimado/a Robin:' }),
    );
    expect(pages).toBe(1);
    for (const part of ['Resumen de su visita', 'Fechas de servicio', 'Pagó su seguro', 'Monto a pagar', 'Fecha límite de pago', 'Formas de pago', 'Línea directa', 'no le parece correcto', 'Desprenda']) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain('Amount due');
  });

  it('puts the pay link in the QR code', async () => {
    // The QR image is embedded as an image XObject; its presence is checked, the content by rendering in docs/.
    const pdf = await renderStatementPdf(SAMPLE_STATEMENT);
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
  });
});
