import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Request, Response } from 'express';
import { randomBytes, randomUUID } from 'node:crypto';
import { domain } from '@courtesy/workflows';
import { createLogger } from '@courtesy/logging';
import { AccountFactsClient, AccountsUnavailableError, type PayPageFacts } from '../accounts-client/account-facts';
import { ChargeService } from '../charges/charge.service';
import { payPageBaseUrl, type PaymentsConfig } from '../config';
import { publishFact } from '../facts/facts-outbox';
import { PayLinksService, type PayLink } from '../pay-links/pay-links.service';
import { PAYMENT_PROCESSOR, type PaymentProcessor } from '../processor';
import { CONFIG } from '../tokens';
import { html, type Html } from './html';
import { STRINGS, money, localDate, type Lang } from './i18n';
import { DEFAULT_COLOUR, layout } from './layout';
import { PageRateLimiter } from './rate-limit';
import { ClientAddress } from './client-address';
import { PaySessions, parseCookies } from './session';
import { addDays, dollarsToCents, isoDate, localToday, wholeNumber } from './form';
import * as views from './views';

const log = createLogger('payments.pay-page');
const SESSION_COOKIE = 'pp_session';
const LANG_COOKIE = 'pp_lang';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A one-time payment may be scheduled up to 60 days out; a plan's first payment within 30 days. */
const SCHEDULE_MAX_DAYS = 60;
const PLAN_FIRST_DUE_MAX_DAYS = 30;

type Form = Record<string, string | undefined>;

interface Opened {
  link: PayLink;
  facts: PayPageFacts;
  lang: Lang;
  ctx: views.PageContext;
  brand: { clinicName: string; colour: string; phone: string | null };
}

/**
 * The patient pay page, `/p/<code>`: server-rendered HTML that works without JavaScript, phone-first, in English
 * and Spanish. Nothing is shown until the patient answers the clinic's identity question; every choice is
 * written with its fact in one transaction (outbox → payments.events.v1 → accounts → the balance workflow).
 */
@Controller('p')
export class PayPageController {
  private readonly sessions: PaySessions;
  private readonly limiter: PageRateLimiter;
  private readonly clients: ClientAddress;

  constructor(
    @Inject(CONFIG) private readonly config: PaymentsConfig,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    private readonly links: PayLinksService,
    private readonly accounts: AccountFactsClient,
    private readonly charges: ChargeService,
  ) {
    this.sessions = new PaySessions(config.PAY_LINK_SECRET ?? randomBytes(32).toString('base64'));
    this.limiter = new PageRateLimiter(config.PAY_PAGE_RATE_PER_MINUTE);
    this.clients = new ClientAddress(config.ADMIN_TOKEN);
  }

  @Get(':code')
  async home(@Param('code') code: string, @Req() req: Request, @Res() res: Response, @Query('lang') lang?: string) {
    const o = await this.open(req, res, code, { needSession: false, lang });
    if (!o) return;
    if (!this.hasSession(req, o.link)) return this.send(res, o, 200, o.facts.clinic.name, views.verifyView(o.ctx, o.facts.identityCheck));
    return this.send(res, o, 200, STRINGS[o.lang].title(o.facts.clinic.name), views.balanceView(o.ctx, o.facts));
  }

  @Post(':code/verify')
  async verify(@Param('code') code: string, @Body() body: Form, @Req() req: Request, @Res() res: Response) {
    const o = await this.open(req, res, code, { needSession: false });
    if (!o) return;
    const answer = typeof body?.answer === 'string' ? body.answer.trim() : '';
    if (answer && (await this.accounts.verify(o.link.accountId, answer))) {
      await this.links.recordPassedCheck(o.link);
      const session = this.sessions.issue(o.link.id);
      res.cookie(SESSION_COOKIE, session, {
        httpOnly: true,
        sameSite: 'strict',
        secure: payPageBaseUrl(this.config).startsWith('https:'),
        path: `/p/${code}`,
        maxAge: 30 * 60_000,
      });
      return res.redirect(303, `/p/${code}`);
    }
    const left = await this.links.recordFailedCheck(o.link);
    const t = STRINGS[o.lang];
    if (left === 0) return this.send(res, o, 423, t.locked, views.messageView(t.locked, t.callUs(o.facts.clinic.phone)));
    return this.send(res, o, 422, o.facts.clinic.name, views.verifyView(o.ctx, o.facts.identityCheck, t.wrongAnswer(left)));
  }

  @Get(':code/pay')
  async payForm(@Param('code') code: string, @Req() req: Request, @Res() res: Response, @Query('part') part?: string, @Query('lang') lang?: string) {
    const o = await this.open(req, res, code, { needSession: true, lang });
    if (!o) return;
    const t = STRINGS[o.lang];
    return this.send(res, o, 200, t.payPart, views.payView(o.ctx, o.facts, { part: part === '1', tokenization: this.processor.tokenization, requestId: randomUUID() }));
  }

  @Post(':code/pay')
  async pay(@Param('code') code: string, @Body() body: Form, @Req() req: Request, @Res() res: Response) {
    const o = await this.open(req, res, code, { needSession: true, form: body });
    if (!o) return;
    const t = STRINGS[o.lang];
    const part = body.amount !== 'full';
    const errors: Record<string, string> = {};
    let amountCents = o.facts.balanceCents;
    if (part) {
      const parsed = dollarsToCents(body.amount);
      if (!parsed.ok || parsed.value < 100 || parsed.value > o.facts.balanceCents) {
        errors.amount = `${t.fieldError}: ${money(100, o.lang)} – ${money(o.facts.balanceCents, o.lang)}`;
      } else amountCents = parsed.value;
    }
    if (!body.paymentToken) errors.paymentToken = t.fieldError;
    const requestId = UUID.test(body.requestId ?? '') ? body.requestId! : undefined;
    if (!requestId) errors.form = t.fieldError;
    if (amountCents <= 0) errors.form = t.nothingDue;
    if (Object.keys(errors).length > 0) {
      return this.send(res, o, 422, t.payPart, views.payView(o.ctx, o.facts, { part, tokenization: this.processor.tokenization, requestId: requestId ?? randomUUID(), errors }));
    }
    const record = await this.charges.charge({
      tenantId: o.link.tenantId,
      clinicId: o.link.clinicId,
      accountId: o.link.accountId,
      amountCents,
      token: body.paymentToken,
      idempotencyKey: `page:${o.link.id}:${requestId}`,
      source: 'pay_page',
    });
    if (record.status === 'succeeded' || record.status === 'pending') {
      return this.send(res, o, 200, t.paid(money(record.amountCents, o.lang)), views.receiptView(o.ctx, { amountCents: record.amountCents, paymentId: record.id, remainingCents: o.facts.balanceCents - record.amountCents }));
    }
    const message = record.status === 'hard_declined' ? t.declinedHard : t.declined;
    return this.send(res, o, 402, message, views.payView(o.ctx, o.facts, { part, tokenization: this.processor.tokenization, requestId: randomUUID(), errors: { form: message } }));
  }

  @Get(':code/plan')
  async planForm(@Param('code') code: string, @Req() req: Request, @Res() res: Response, @Query('lang') lang?: string) {
    const o = await this.open(req, res, code, { needSession: true, lang });
    if (!o) return;
    const offer = this.planOffer(o.facts);
    return this.send(res, o, 200, STRINGS[o.lang].planHeading, views.planView(o.ctx, { offer, firstDueDate: offer?.firstDueMin ?? '' }));
  }

  @Post(':code/plan/preview')
  async planPreview(@Param('code') code: string, @Body() body: Form, @Req() req: Request, @Res() res: Response) {
    const o = await this.open(req, res, code, { needSession: true, form: body });
    if (!o) return;
    const checked = this.checkPlan(o, body);
    if ('errors' in checked) return this.send(res, o, 422, STRINGS[o.lang].planHeading, views.planView(o.ctx, { offer: this.planOffer(o.facts), firstDueDate: body.firstDueDate ?? '', errors: checked.errors }));
    const largest = Math.max(...checked.schedule.installments.map((i) => i.amountCents));
    return this.send(res, o, 200, STRINGS[o.lang].scheduleHeading, views.planPreviewView(o.ctx, {
      clinicName: o.facts.clinic.name,
      installments: checked.schedule.installments,
      count: checked.count,
      firstDueDate: checked.firstDueDate,
      requestId: randomUUID(),
      capDefaultDollars: (largest / 100).toFixed(2),
      tokenization: this.processor.tokenization,
    }));
  }

  @Post(':code/plan/confirm')
  async planConfirm(@Param('code') code: string, @Body() body: Form, @Req() req: Request, @Res() res: Response) {
    const o = await this.open(req, res, code, { needSession: true, form: body });
    if (!o) return;
    const t = STRINGS[o.lang];
    const checked = this.checkPlan(o, body);
    if ('errors' in checked) return this.send(res, o, 422, t.planHeading, views.planView(o.ctx, { offer: this.planOffer(o.facts), firstDueDate: body.firstDueDate ?? '', errors: checked.errors }));
    const autopay = body.autopay === 'yes';
    const errors: Record<string, string> = {};
    let chargeCapCents: number | undefined;
    if (autopay) {
      if (body.consent !== 'yes') errors.consent = t.consentRequired;
      if (!body.paymentToken) errors.paymentToken = t.fieldError;
      const largest = Math.max(...checked.schedule.installments.map((i) => i.amountCents));
      const cap = dollarsToCents(body.chargeCap);
      if (!cap.ok || cap.value < largest) errors.chargeCap = `${t.fieldError}: ≥ ${money(largest, o.lang)}`;
      else chargeCapCents = cap.value;
    }
    const requestId = UUID.test(body.requestId ?? '') ? body.requestId! : undefined;
    if (!requestId) errors.form = t.fieldError;
    if (Object.keys(errors).length > 0) {
      return this.send(res, o, 422, t.scheduleHeading, views.planPreviewView(o.ctx, {
        clinicName: o.facts.clinic.name, installments: checked.schedule.installments, count: checked.count, firstDueDate: checked.firstDueDate,
        requestId: requestId ?? randomUUID(), capDefaultDollars: body.chargeCap ?? '', tokenization: this.processor.tokenization, errors,
      }));
    }
    const cardOnFileId = autopay
      ? await this.charges.saveCard({
          tenantId: o.link.tenantId, clinicId: o.link.clinicId, accountId: o.link.accountId, token: body.paymentToken!,
          consent: { text: t.consentLabel(o.facts.clinic.name), at: new Date().toISOString(), channel: 'pay_page', clientAddress: this.clients.of(req) },
          chargeCapCents, idempotencyKey: `card:${o.link.id}:${requestId}`,
        })
      : undefined;
    await this.recordChoice(o.link, 'plan', requestId!, { installments: checked.count, firstDueDate: checked.firstDueDate, autopay, cardOnFileId, chargeCapCents }, {
      type: 'plan.chosen', requestId: requestId!, installments: checked.count, firstDueDate: checked.firstDueDate, totalCents: o.facts.balanceCents, autopay, cardOnFileId, chargeCapCents,
    });
    return this.send(res, o, 200, t.planSet, views.planDoneView(o.ctx, checked.schedule.installments));
  }

  @Get(':code/schedule')
  async scheduleForm(@Param('code') code: string, @Req() req: Request, @Res() res: Response, @Query('lang') lang?: string) {
    const o = await this.open(req, res, code, { needSession: true, lang });
    if (!o) return;
    return this.send(res, o, 200, STRINGS[o.lang].scheduleHeadingOnce, views.scheduleView(o.ctx, this.scheduleOpts(o)));
  }

  @Post(':code/schedule')
  async schedule(@Param('code') code: string, @Body() body: Form, @Req() req: Request, @Res() res: Response) {
    const o = await this.open(req, res, code, { needSession: true, form: body });
    if (!o) return;
    const t = STRINGS[o.lang];
    const opts = this.scheduleOpts(o);
    const errors: Record<string, string> = {};
    const payOn = isoDate(body.payOn);
    if (!payOn.ok || payOn.value < opts.payOnMin || payOn.value > opts.payOnMax) errors.payOn = `${t.fieldError}: ${localDate(opts.payOnMin, o.lang)} – ${localDate(opts.payOnMax, o.lang)}`;
    const amount = dollarsToCents(body.amount);
    if (!amount.ok || amount.value < 100 || amount.value > o.facts.balanceCents) errors.amount = `${t.fieldError}: ${money(100, o.lang)} – ${money(o.facts.balanceCents, o.lang)}`;
    if (!body.paymentToken) errors.paymentToken = t.fieldError;
    if (body.consent !== 'yes') errors.consent = t.consentRequired;
    const requestId = UUID.test(body.requestId ?? '') ? body.requestId! : undefined;
    if (!requestId) errors.form = t.fieldError;
    if (Object.keys(errors).length > 0 || !payOn.ok || !amount.ok) {
      return this.send(res, o, 422, t.scheduleHeadingOnce, views.scheduleView(o.ctx, { ...opts, requestId: requestId ?? randomUUID(), errors }));
    }
    const cardOnFileId = await this.charges.saveCard({
      tenantId: o.link.tenantId, clinicId: o.link.clinicId, accountId: o.link.accountId, token: body.paymentToken!,
      consent: { text: t.scheduleConsent(o.facts.clinic.name), at: new Date().toISOString(), channel: 'pay_page', clientAddress: this.clients.of(req) },
      chargeCapCents: amount.value, idempotencyKey: `card:${o.link.id}:${requestId}`,
    });
    await this.recordChoice(o.link, 'scheduled_payment', requestId!, { payOn: payOn.value, amountCents: amount.value, cardOnFileId }, {
      type: 'payment.scheduled', requestId: requestId!, amountCents: amount.value, payOn: payOn.value, cardOnFileId,
    });
    const message = t.scheduled(money(amount.value, o.lang), localDate(payOn.value, o.lang));
    return this.send(res, o, 200, message, html`${views.messageView(message)}<p><a href="${o.ctx.base}">${t.back}</a></p>`);
  }

  @Get(':code/hardship')
  async hardshipForm(@Param('code') code: string, @Req() req: Request, @Res() res: Response, @Query('lang') lang?: string) {
    const o = await this.open(req, res, code, { needSession: true, lang });
    if (!o) return;
    return this.send(res, o, 200, STRINGS[o.lang].hardshipHeading, views.hardshipView(o.ctx, { requestId: randomUUID() }));
  }

  @Post(':code/hardship')
  async hardship(@Param('code') code: string, @Body() body: Form, @Req() req: Request, @Res() res: Response) {
    const o = await this.open(req, res, code, { needSession: true, form: body });
    if (!o) return;
    const t = STRINGS[o.lang];
    const errors: Record<string, string> = {};
    const household = wholeNumber(body.householdSize, 1, 20);
    if (!household.ok) errors.householdSize = `${t.fieldError}: 1–20`;
    const income = dollarsToCents(body.monthlyIncome);
    if (!income.ok) errors.monthlyIncome = t.fieldError;
    const affordable = body.affordable ? dollarsToCents(body.affordable) : undefined;
    if (affordable && !affordable.ok) errors.affordable = t.fieldError;
    const requestId = UUID.test(body.requestId ?? '') ? body.requestId! : undefined;
    if (!requestId) errors.form = t.fieldError;
    if (Object.keys(errors).length > 0 || !household.ok || !income.ok) {
      return this.send(res, o, 422, t.hardshipHeading, views.hardshipView(o.ctx, { requestId: requestId ?? randomUUID(), errors }));
    }
    const description = (body.description ?? '').slice(0, 2000);
    const affordableMonthlyCents = affordable?.ok ? affordable.value : undefined;
    await this.recordChoice(o.link, 'hardship', requestId!, { householdSize: household.value, monthlyIncomeCents: income.value, affordableMonthlyCents, description }, {
      type: 'hardship.requested', requestId: requestId!, householdSize: household.value, monthlyIncomeCents: income.value, affordableMonthlyCents, description,
    });
    return this.send(res, o, 200, t.hardshipSent, html`${views.messageView(t.hardshipSent)}<p><a href="${o.ctx.base}">${t.back}</a></p>`);
  }

  @Get(':code/dispute')
  async disputeForm(@Param('code') code: string, @Req() req: Request, @Res() res: Response, @Query('lang') lang?: string) {
    const o = await this.open(req, res, code, { needSession: true, lang });
    if (!o) return;
    return this.send(res, o, 200, STRINGS[o.lang].disputeHeading, views.disputeView(o.ctx, { requestId: randomUUID() }));
  }

  @Post(':code/dispute')
  async dispute(@Param('code') code: string, @Body() body: Form, @Req() req: Request, @Res() res: Response) {
    const o = await this.open(req, res, code, { needSession: true, form: body });
    if (!o) return;
    const t = STRINGS[o.lang];
    const description = (body.description ?? '').trim().slice(0, 2000);
    const reason = Object.keys(t.reasons).includes(body.reason ?? '') ? (body.reason as 'other') : 'other';
    const requestId = UUID.test(body.requestId ?? '') ? body.requestId! : undefined;
    if (!description || !requestId) {
      return this.send(res, o, 422, t.disputeHeading, views.disputeView(o.ctx, { requestId: requestId ?? randomUUID(), errors: { description: t.fieldError } }));
    }
    await this.recordChoice(o.link, 'dispute', requestId, { reason, description }, { type: 'dispute.requested', requestId, reason, description });
    return this.send(res, o, 200, t.disputeSent, html`${views.messageView(t.disputeSent)}<p><a href="${o.ctx.base}">${t.back}</a></p>`);
  }

  // ------------------------------------------------------------------------------------------------------

  /** Resolves the link, rate-limits, loads the facts and checks session + CSRF; answers the error page itself. */
  private async open(req: Request, res: Response, code: string, opts: { needSession: boolean; lang?: string; form?: Form }): Promise<Opened | undefined> {
    const client = this.clients.of(req);
    if (!this.limiter.take(client)) return this.plain(res, 429, 'en', STRINGS.en.tooMany);
    const resolution = await this.links.resolve(code);
    const cookies = parseCookies(req.headers.cookie);
    const wanted = opts.lang === 'es' || opts.lang === 'en' ? opts.lang : undefined;
    if (wanted) res.cookie(LANG_COOKIE, wanted, { sameSite: 'lax', path: '/p', maxAge: 365 * 86_400_000 });
    const acceptEs = /^es\b/i.test(req.headers['accept-language'] ?? '');
    if (!resolution.ok && resolution.reason === 'unknown') {
      this.limiter.take(client, 4); // guessing codes costs five times a normal page view
      log.warn({ client: 'redacted' }, 'unknown pay link code');
      const lang: Lang = wanted ?? (cookies[LANG_COOKIE] === 'es' || acceptEs ? 'es' : 'en');
      return this.plain(res, 404, lang, STRINGS[lang].unknownLink);
    }
    const link = resolution.link;
    let facts: PayPageFacts | undefined;
    try {
      facts = await this.accounts.facts(link.accountId);
    } catch (err) {
      if (!(err instanceof AccountsUnavailableError)) throw err;
      log.error({ err: err.message, payLinkId: link.id }, 'account facts unavailable');
      return this.plain(res, 503, 'en', STRINGS.en.unavailable);
    }
    if (!facts) return this.plain(res, 404, 'en', STRINGS.en.unknownLink);
    const lang: Lang = wanted ?? (cookies[LANG_COOKIE] === 'es' || cookies[LANG_COOKIE] === 'en' ? (cookies[LANG_COOKIE] as Lang) : facts.language === 'es' || acceptEs ? 'es' : 'en');
    const t = STRINGS[lang];
    const brand = { clinicName: facts.clinic.name, colour: facts.clinic.colour ?? DEFAULT_COLOUR, phone: facts.clinic.phone };
    const session = cookies[SESSION_COOKIE];
    const base = `/p/${code}`;
    const o: Opened = { link, facts, lang, brand, ctx: { t, lang, base, csrf: session ? this.sessions.csrf(session) : '' } };
    if (!resolution.ok) {
      const reason = resolution.reason === 'expired' ? t.expiredLink : resolution.reason === 'revoked' ? t.revokedLink : t.locked;
      this.send(res, o, resolution.reason === 'locked' ? 423 : 410, reason, views.messageView(reason, t.callUs(facts.clinic.phone)));
      return undefined;
    }
    if (opts.needSession && !this.hasSession(req, link)) {
      this.send(res, o, 401, facts.clinic.name, views.verifyView(o.ctx, facts.identityCheck));
      return undefined;
    }
    if (opts.form && !this.sessions.csrfValid(session ?? '', opts.form.csrf)) {
      log.warn({ payLinkId: link.id }, 'pay page form without a valid CSRF token');
      this.send(res, o, 403, facts.clinic.name, views.messageView(t.unavailable));
      return undefined;
    }
    return o;
  }

  private hasSession(req: Request, link: PayLink): boolean {
    return this.sessions.valid(parseCookies(req.headers.cookie)[SESSION_COOKIE], link.id);
  }

  private send(res: Response, o: Opened, status: number, title: string, body: Html): void {
    // The language switch reloads the same page; after a form post that is the link's home page.
    const path = res.req.method === 'GET' ? res.req.path : o.ctx.base;
    const other = o.lang === 'en' ? 'es' : 'en';
    this.headers(res);
    res.status(status).send(layout({ lang: o.lang, title, brand: o.brand, switchHref: `${path}?lang=${other}`, body }));
  }

  private plain(res: Response, status: number, lang: Lang, message: string): undefined {
    this.headers(res);
    res.status(status).send(layout({ lang, title: message, brand: { clinicName: 'Courtesy', colour: DEFAULT_COLOUR, phone: null }, body: views.messageView(message) }));
    return undefined;
  }

  private headers(res: Response) {
    res.type('html');
    // The code in the URL is a credential: never cache the page, never send it on in a Referer.
    res.set({
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'${this.processor.tokenization.kind === 'stripe' ? '; script-src https://js.stripe.com; frame-src https://js.stripe.com; connect-src https://api.stripe.com' : ''}`,
    });
  }

  /** The clinic's policy as accounts stored it; the default when the clinic has none (or it no longer parses). */
  private policyOf(f: PayPageFacts): domain.CollectionPolicy {
    if (f.policy) {
      const checked = domain.validatePolicy(f.policy);
      if (checked.ok) return checked.policy;
      log.warn({ clinicId: f.clinicId, tenantId: f.tenantId }, 'clinic policy did not validate; offering the default plan terms');
    }
    return domain.defaultPolicy();
  }

  private planOffer(f: PayPageFacts): views.PlanOffer | undefined {
    const terms = domain.offeredTerms(this.policyOf(f), f.balanceCents);
    if (!terms.eligible) return undefined;
    const today = localToday(f.timeZone);
    return { min: terms.minInstallments, max: terms.maxInstallments, firstDueMin: addDays(today, 1), firstDueMax: addDays(today, PLAN_FIRST_DUE_MAX_DAYS) };
  }

  /** The plan the patient asked for, re-checked against the policy and the current balance. */
  private checkPlan(o: Opened, body: Form): { count: number; firstDueDate: string; schedule: domain.PlanSchedule } | { errors: Record<string, string> } {
    const t = STRINGS[o.lang];
    const offer = this.planOffer(o.facts);
    if (!offer) return { errors: { installments: t.planNotOffered } };
    const count = wholeNumber(body.installments, offer.min, offer.max);
    const first = isoDate(body.firstDueDate);
    const errors: Record<string, string> = {};
    if (!count.ok) errors.installments = `${t.fieldError}: ${offer.min}–${offer.max}`;
    if (!first.ok || first.value < offer.firstDueMin || first.value > offer.firstDueMax) errors.firstDueDate = `${t.fieldError}: ${localDate(offer.firstDueMin, o.lang)} – ${localDate(offer.firstDueMax, o.lang)}`;
    if (!count.ok || !first.ok || Object.keys(errors).length > 0) return { errors };
    const policy = this.policyOf(o.facts);
    const decision = domain.validatePlanRequest(policy, o.facts.balanceCents, count.value);
    if (!decision.ok || decision.needsApproval) return { errors: { installments: t.planNotOffered } };
    // The same schedule the balance workflow will build on acceptPlan (its policy's interval, not always monthly).
    const schedule = domain.buildSchedule({
      totalCents: o.facts.balanceCents,
      installments: count.value,
      firstDueDate: first.value,
      timeZone: o.facts.timeZone,
      intervalDays: policy.plan.intervalDays,
      reminderDaysBefore: policy.plan.reminderDaysBefore,
    });
    return { count: count.value, firstDueDate: first.value, schedule };
  }

  private scheduleOpts(o: Opened) {
    const today = localToday(o.facts.timeZone);
    return { clinicName: o.facts.clinic.name, balanceCents: o.facts.balanceCents, payOnMin: addDays(today, 1), payOnMax: addDays(today, SCHEDULE_MAX_DAYS), requestId: randomUUID(), tokenization: this.processor.tokenization };
  }

  /** The page request row and its fact, in one transaction; the same requestId twice records it once. */
  private async recordChoice(
    link: PayLink,
    kind: 'plan' | 'scheduled_payment' | 'dispute' | 'hardship',
    requestId: string,
    details: Record<string, unknown>,
    fact: Parameters<typeof publishFact>[1] extends infer F ? (F extends { type: string } ? Omit<F, 'tenantId' | 'clinicId' | 'accountId'> : never) : never,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `insert into page_requests (id, pay_link_id, tenant_id, clinic_id, account_id, kind, details) values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (id) do nothing returning id`,
        [requestId, link.id, link.tenantId, link.clinicId, link.accountId, kind, JSON.stringify(details)],
      );
      if (inserted.length === 0) return;
      await publishFact(tx, { ...fact, tenantId: link.tenantId, clinicId: link.clinicId, accountId: link.accountId } as Parameters<typeof publishFact>[1]);
    });
    log.info({ payLinkId: link.id, tenantId: link.tenantId, accountId: link.accountId, kind, requestId }, 'pay page choice recorded');
  }
}
