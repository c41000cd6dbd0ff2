// Renders the made-up sample statement to a PDF: `<out.pdf> [en|es]`. docs/statement-page1.png is its page 1
// (pdftoppm -png -r 80 -f 1 -l 1). Run it through any TypeScript runner, e.g. swc's require hook.
import { writeFileSync } from 'node:fs';
import { renderStatementPdf } from '../../src/statement/statement-pdf';
import { SAMPLE_STATEMENT } from '../../src/statement/sample-statement';

const args = process.argv.slice(process.argv.findIndex((a) => a.endsWith('.ts')) + 1);
const [out = 'statement.pdf', language = 'en'] = args;
void renderStatementPdf({ ...SAMPLE_STATEMENT, language: language === 'es' ? 'es' : 'en' }).then((pdf) => writeFileSync(out, pdf));
