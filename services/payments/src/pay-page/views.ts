import type { PayPageFacts } from '../accounts-client/account-facts';
import type { Tokenization } from '../processor';
import { SANDBOX_TEST_CARDS } from '../processor';
import { html, type Html } from './html';
import { localDate, money, type Lang, type Strings } from './i18n';

/** Everything a page needs to render; forms post back to `base` (the link's own path). */
export interface PageContext {
  t: Strings;
  lang: Lang;
  base: string;
  csrf: string;
}

const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
const fieldError = (id: string, message?: string) => (message ? html`<p class="error" id="${id}-error">${message}</p>` : '');
const described = (id: string, message?: string) => (message ? html` aria-invalid="true" aria-describedby="${id}-error"` : '');

export function messageView(message: string, detail?: string, kind: 'alert' | 'ok' = 'alert'): Html {
  return html`<h1>${message}</h1>${detail ? html`<p class="${kind}">${detail}</p>` : ''}`;
}

export function verifyView(c: Omit<PageContext, 'csrf'>, check: PayPageFacts['identityCheck'], error?: string): Html {
  const { t } = c;
  const label = check === 'account_last4' ? t.last4Label : t.dobLabel;
  const input =
    check === 'account_last4'
      ? html`<input type="text" id="answer" name="answer" inputmode="numeric" autocomplete="off" maxlength="4" pattern="[0-9]{4}" required${described('answer', error)}>`
      : html`<input type="date" id="answer" name="answer" autocomplete="bday" required${described('answer', error)}>`;
  return html`<h1>${t.verifyHeading}</h1><p>${t.verifyWhy}</p>
<form method="post" action="${c.base}/verify" class="box">
<label for="answer">${label}</label>${input}${fieldError('answer', error)}
<p><button type="submit">${t.continue}</button></p></form>`;
}

/** An amount that lowers the balance, shown with a minus sign (none for zero). */
const less = (cents: number, lang: Lang) => (cents === 0 ? money(0, lang) : cents > 0 ? `−${money(cents, lang)}` : `+${money(-cents, lang)}`);

export function balanceView(c: PageContext, f: PayPageFacts): Html {
  const { t, lang } = c;
  const s = f.summary;
  // One small two-column table per visit: four money columns do not fit a phone's width.
  const visits = s.visits.map(
    (v) => html`<table class="visit"><caption>${t.visit}: ${localDate(v.firstAt.slice(0, 10), lang)}</caption><tbody>
<tr><th scope="row">${t.charges}</th><td class="num">${money(v.chargesCents, lang)}</td></tr>
<tr><th scope="row">${t.insurancePaid}</th><td class="num">${less(v.insurancePaidCents, lang)}</td></tr>
<tr><th scope="row">${t.adjustments}</th><td class="num">${less(v.adjustmentsCents, lang)}</td></tr></tbody></table>`,
  );
  const due = f.balanceCents;
  return html`<h1>${t.hello(f.firstName)}</h1>
<section class="box" aria-labelledby="summary-h"><h2 id="summary-h">${t.summary}</h2>
${visits}
<table class="totals"><tbody>
<tr><th scope="row">${t.charges}</th><td class="num">${money(s.chargesCents, lang)}</td></tr>
<tr><th scope="row">${t.insurancePaid}</th><td class="num">${less(s.insurancePaidCents, lang)}</td></tr>
<tr><th scope="row">${t.adjustments}</th><td class="num">${less(s.adjustmentsCents, lang)}</td></tr>
<tr><th scope="row">${t.youPaid}</th><td class="num">${less(s.patientPaidCents, lang)}</td></tr>
</tbody></table>
<p class="due"><span class="label">${t.amountDue}</span><strong class="amount" data-testid="amount-due">${money(Math.max(0, due), lang)}</strong></p></section>
${
  due > 0
    ? html`<h2>${t.choose}</h2><ul class="choices">
<li><a class="button" href="${c.base}/pay">${t.payFull(money(due, lang))}</a></li>
<li><a class="button secondary" href="${c.base}/pay?part=1">${t.payPart}</a></li>
<li><a class="button secondary" href="${c.base}/plan">${t.plan}</a></li>
<li><a class="button secondary" href="${c.base}/schedule">${t.schedule}</a></li>
<li><a class="button secondary" href="${c.base}/hardship">${t.hardship}</a></li>
<li><a class="button secondary" href="${c.base}/dispute">${t.dispute}</a></li></ul>`
    : html`<p class="ok">${t.nothingDue}</p>`
}`;
}

/** The card field. Sandbox: test cards whose values are already tokens; Stripe: Elements tokenizes in the browser. */
export function cardField(t: Strings, tokenization: Tokenization, error?: string): Html {
  if (tokenization.kind === 'sandbox') {
    return html`<label for="paymentToken">${t.card}</label>
<select id="paymentToken" name="paymentToken" required aria-describedby="card-note${error ? ' paymentToken-error' : ''}">${SANDBOX_TEST_CARDS.map(
      (card) => html`<option value="${card.token}">Test card •••• ${card.last4}: ${card.outcome}</option>`,
    )}</select><p class="note" id="card-note">${t.sandboxNote}</p>${fieldError('paymentToken', error)}`;
  }
  return html`<label for="card-element">${t.card}</label><div id="card-element" class="box"></div>
<input type="hidden" name="paymentToken" id="paymentToken">${fieldError('paymentToken', error)}
<script src="https://js.stripe.com/v3/" data-publishable-key="${tokenization.publishableKey}"></script>`;
}

export function payView(c: PageContext, f: PayPageFacts, o: { part: boolean; tokenization: Tokenization; requestId: string; errors?: Record<string, string> }): Html {
  const { t, lang } = c;
  const e = o.errors ?? {};
  return html`<h1>${o.part ? t.payPart : t.payFull(money(f.balanceCents, lang))}</h1>
${e.form ? html`<p class="alert" role="alert">${e.form}</p>` : ''}
<form method="post" action="${c.base}/pay" class="box">${hidden('csrf', c.csrf)}${hidden('requestId', o.requestId)}
${
  o.part
    ? html`<label for="amount">${t.amountLabel}</label><input type="text" inputmode="decimal" id="amount" name="amount" required${described('amount', e.amount)}>${fieldError('amount', e.amount)}`
    : hidden('amount', 'full')
}
${cardField(t, o.tokenization, e.paymentToken)}
<p><button type="submit">${o.part ? t.payButton : t.payFull(money(f.balanceCents, lang))}</button></p></form>
<p><a href="${c.base}">${t.back}</a></p>`;
}

export function receiptView(c: PageContext, o: { amountCents: number; paymentId: string; remainingCents: number }): Html {
  const { t, lang } = c;
  return html`<h1>${t.paid(money(o.amountCents, lang))}</h1>
<p class="ok" role="status">${t.reference}: <span data-testid="payment-ref">${o.paymentId.slice(0, 8).toUpperCase()}</span></p>
<p>${t.remaining(money(Math.max(0, o.remainingCents), lang))}</p><p><a href="${c.base}">${t.back}</a></p>`;
}

export interface PlanOffer {
  min: number;
  max: number;
  firstDueMin: string;
  firstDueMax: string;
}

export function planView(c: PageContext, o: { offer: PlanOffer | undefined; firstDueDate: string; errors?: Record<string, string> }): Html {
  const { t } = c;
  const e = o.errors ?? {};
  if (!o.offer) return html`<h1>${t.planHeading}</h1><p class="alert">${t.planNotOffered}</p><p><a href="${c.base}">${t.back}</a></p>`;
  const options = [];
  for (let n = o.offer.min; n <= o.offer.max; n++) options.push(html`<option value="${n}">${n}</option>`);
  return html`<h1>${t.planHeading}</h1><p>${t.planOffer(o.offer.min, o.offer.max)}</p>
<form method="post" action="${c.base}/plan/preview" class="box">${hidden('csrf', c.csrf)}
<label for="installments">${t.installmentsLabel}</label><select id="installments" name="installments"${described('installments', e.installments)}>${options}</select>${fieldError('installments', e.installments)}
<label for="firstDueDate">${t.firstDueLabel}</label><input type="date" id="firstDueDate" name="firstDueDate" value="${o.firstDueDate}" min="${o.offer.firstDueMin}" max="${o.offer.firstDueMax}" required${described('firstDueDate', e.firstDueDate)}>${fieldError('firstDueDate', e.firstDueDate)}
<p><button type="submit">${t.showSchedule}</button></p></form><p><a href="${c.base}">${t.back}</a></p>`;
}

export function scheduleTable(c: Pick<PageContext, 't' | 'lang'>, installments: Array<{ seq: number; dueDate: string; amountCents: number }>): Html {
  const { t, lang } = c;
  return html`<table data-testid="plan-schedule"><caption class="note">${t.scheduleHeading}</caption><thead><tr><th scope="col">#</th><th scope="col">${t.due}</th><th scope="col" class="num">${t.amount}</th></tr></thead><tbody>${installments.map(
    (i) => html`<tr><td>${t.paymentN(i.seq)}</td><td>${localDate(i.dueDate, lang)}</td><td class="num">${money(i.amountCents, lang)}</td></tr>`,
  )}</tbody></table>`;
}

export function planPreviewView(
  c: PageContext,
  o: { clinicName: string; installments: Array<{ seq: number; dueDate: string; amountCents: number }>; count: number; firstDueDate: string; requestId: string; capDefaultDollars: string; tokenization: Tokenization; errors?: Record<string, string> },
): Html {
  const { t } = c;
  const e = o.errors ?? {};
  return html`<h1>${t.scheduleHeading}</h1>${e.form ? html`<p class="alert" role="alert">${e.form}</p>` : ''}
<div class="box">${scheduleTable(c, o.installments)}</div>
<form method="post" action="${c.base}/plan/confirm" class="box">${hidden('csrf', c.csrf)}${hidden('requestId', o.requestId)}${hidden('installments', String(o.count))}${hidden('firstDueDate', o.firstDueDate)}
<label class="check" for="autopay"><input type="checkbox" id="autopay" name="autopay" value="yes">${t.autopayLabel}</label>
${cardField(t, o.tokenization, e.paymentToken)}
<label for="chargeCap">${t.capLabel}</label><input type="text" inputmode="decimal" id="chargeCap" name="chargeCap" value="${o.capDefaultDollars}"${described('chargeCap', e.chargeCap)}>${fieldError('chargeCap', e.chargeCap)}
<label class="check" for="consent"><input type="checkbox" id="consent" name="consent" value="yes"${described('consent', e.consent)}>${t.consentLabel(o.clinicName)}</label>${fieldError('consent', e.consent)}
<p><button type="submit">${t.confirmPlan}</button></p></form><p><a href="${c.base}/plan">${t.back}</a></p>`;
}

export function planDoneView(c: PageContext, installments: Array<{ seq: number; dueDate: string; amountCents: number }>): Html {
  return html`<h1>${c.t.planSet}</h1><div class="box" role="status">${scheduleTable(c, installments)}</div><p><a href="${c.base}">${c.t.back}</a></p>`;
}

export function scheduleView(c: PageContext, o: { clinicName: string; balanceCents: number; payOnMin: string; payOnMax: string; requestId: string; tokenization: Tokenization; errors?: Record<string, string> }): Html {
  const { t } = c;
  const e = o.errors ?? {};
  return html`<h1>${t.scheduleHeadingOnce}</h1>${e.form ? html`<p class="alert" role="alert">${e.form}</p>` : ''}
<form method="post" action="${c.base}/schedule" class="box">${hidden('csrf', c.csrf)}${hidden('requestId', o.requestId)}
<label for="payOn">${t.payOnLabel}</label><input type="date" id="payOn" name="payOn" min="${o.payOnMin}" max="${o.payOnMax}" required${described('payOn', e.payOn)}>${fieldError('payOn', e.payOn)}
<label for="amount">${t.amountLabel}</label><input type="text" inputmode="decimal" id="amount" name="amount" value="${(o.balanceCents / 100).toFixed(2)}" required${described('amount', e.amount)}>${fieldError('amount', e.amount)}
${cardField(t, o.tokenization, e.paymentToken)}
<label class="check" for="consent"><input type="checkbox" id="consent" name="consent" value="yes" required${described('consent', e.consent)}>${t.scheduleConsent(o.clinicName)}</label>${fieldError('consent', e.consent)}
<p><button type="submit">${t.schedulePay}</button></p></form><p><a href="${c.base}">${t.back}</a></p>`;
}

export function hardshipView(c: PageContext, o: { requestId: string; errors?: Record<string, string> }): Html {
  const { t } = c;
  const e = o.errors ?? {};
  return html`<h1>${t.hardshipHeading}</h1><p>${t.hardshipIntro}</p>
<form method="post" action="${c.base}/hardship" class="box">${hidden('csrf', c.csrf)}${hidden('requestId', o.requestId)}
<label for="householdSize">${t.householdLabel}</label><input type="number" id="householdSize" name="householdSize" min="1" max="20" required${described('householdSize', e.householdSize)}>${fieldError('householdSize', e.householdSize)}
<label for="monthlyIncome">${t.incomeLabel}</label><input type="text" inputmode="decimal" id="monthlyIncome" name="monthlyIncome" required${described('monthlyIncome', e.monthlyIncome)}>${fieldError('monthlyIncome', e.monthlyIncome)}
<label for="affordable">${t.affordLabel}</label><input type="text" inputmode="decimal" id="affordable" name="affordable"${described('affordable', e.affordable)}>${fieldError('affordable', e.affordable)}
<label for="description">${t.situationLabel}</label><textarea id="description" name="description" maxlength="2000"></textarea>
<p><button type="submit">${t.send}</button></p></form><p><a href="${c.base}">${t.back}</a></p>`;
}

export function disputeView(c: PageContext, o: { requestId: string; errors?: Record<string, string> }): Html {
  const { t } = c;
  const e = o.errors ?? {};
  return html`<h1>${t.disputeHeading}</h1><p>${t.disputeIntro}</p>
<form method="post" action="${c.base}/dispute" class="box">${hidden('csrf', c.csrf)}${hidden('requestId', o.requestId)}
<label for="reason">${t.reasonLabel}</label><select id="reason" name="reason">${Object.entries(t.reasons).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select>
<label for="description">${t.wordsLabel}</label><textarea id="description" name="description" maxlength="2000" required${described('description', e.description)}></textarea>${fieldError('description', e.description)}
<p><button type="submit">${t.send}</button></p></form><p><a href="${c.base}">${t.back}</a></p>`;
}
