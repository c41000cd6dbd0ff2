import { Html, html } from './html';
import type { Lang } from './i18n';
import { STRINGS } from './i18n';

export interface Branding {
  clinicName: string;
  /** Clinic colour for the header and buttons; must keep 4.5:1 contrast with white text. */
  colour: string;
  phone: string | null;
}

export const DEFAULT_COLOUR = '#1d4ed8';

/** Accept only #rrggbb colours dark enough for white text (WCAG AA 4.5:1); otherwise the default. */
export function safeColour(colour: string | undefined): string {
  if (!colour || !/^#[0-9a-f]{6}$/i.test(colour)) return DEFAULT_COLOUR;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (luminance + 0.05) >= 4.5 ? colour : DEFAULT_COLOUR;
}

const css = (colour: string) => `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1.0625rem;line-height:1.5;color:#111827;background:#f3f4f6}
header{background:${colour};color:#fff;padding:.75rem 1rem;display:flex;justify-content:space-between;align-items:center;gap:.5rem}
header .clinic{font-weight:700;font-size:1.125rem;margin:0}
header a{color:#fff;font-weight:600}
main{max-width:34rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.25rem 0 .5rem}
.box{background:#fff;border:1px solid #d1d5db;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.due{text-align:center;margin:1rem 0}
.due .label{display:block;font-size:1rem}
.due .amount{display:block;font-size:2.25rem;font-weight:800}
table{width:100%;border-collapse:collapse;font-size:.975rem}
th,td{text-align:left;padding:.35rem .25rem;border-bottom:1px solid #e5e7eb}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.visit{margin:0 0 .75rem}
table.visit caption{text-align:left;font-weight:700;padding:.25rem 0}
table.totals{border-top:2px solid #9ca3af}
th[scope=row]{font-weight:600}
.choices{list-style:none;padding:0;margin:0;display:grid;gap:.6rem}
.button,button{display:block;width:100%;min-height:3rem;padding:.75rem 1rem;border-radius:.5rem;border:2px solid ${colour};background:${colour};color:#fff;font:inherit;font-weight:700;text-align:center;text-decoration:none;cursor:pointer}
.button.secondary{background:#fff;color:${colour}}
a{color:${colour}}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
label.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
label.check input{width:1.4rem;height:1.4rem;margin-top:.15rem;flex:none}
input[type=text],input[type=date],input[type=number],select,textarea{width:100%;min-height:2.75rem;padding:.5rem;border:2px solid #6b7280;border-radius:.375rem;font:inherit;background:#fff;color:#111827}
textarea{min-height:7rem}
.note{font-size:.95rem;color:#374151}
.alert{border-left:6px solid #b91c1c;background:#fef2f2;padding:.75rem;margin:0 0 1rem}
.ok{border-left:6px solid #15803d;background:#f0fdf4;padding:.75rem;margin:0 0 1rem}
.error{color:#b91c1c;font-weight:600;margin:.25rem 0 0}
footer{max-width:34rem;margin:0 auto;padding:1rem;color:#374151}
`;

/** The page shell: language, viewport for phones, clinic header with a language switch, help footer. */
export function layout(opts: { lang: Lang; title: string; brand: Branding; switchHref?: string; body: Html }): string {
  const t = STRINGS[opts.lang];
  const colour = safeColour(opts.brand.colour);
  return `<!doctype html>${html`<html lang="${t.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${opts.title}</title><style>${new Html(css(colour))}</style></head><body><header><p class="clinic">${opts.brand.clinicName}</p>${opts.switchHref ? html`<a href="${opts.switchHref}" lang="${opts.lang === 'en' ? 'es' : 'en'}">${t.switchTo}</a>` : ''}</header><main id="main">${opts.body}</main><footer><p>${t.help(opts.brand.phone)}</p></footer></body></html>`}`;
}

