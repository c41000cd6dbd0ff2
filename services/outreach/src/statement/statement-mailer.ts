import { Inject, Injectable } from '@nestjs/common';
import type { MailStatementRequest, OutreachRequestBase } from '@courtesy/workflows';
import type { OutreachConfig } from '../config';
import { CONFIG, STATEMENT_PRINTER } from '../tokens';
import type { ChannelSender, Prepared, SendResult } from '../attempts/attempt-runner';
import type { AttemptRow } from '../attempts/attempt-log';
import { render, type Language } from '../templates';
import { selectTemplate } from '../templates/select';
import { clinicBranding, fallbackFirstName, payCodeFor } from '../clinic-branding';
import { PayLinkClient } from '../pay-links/pay-link-client';
import { numberFigure, stringFigure } from '../sms/text-sender';
import { invalidRequest } from '../attempts/request-check';
import { renderStatementPdf } from './statement-pdf';
import type { StatementPrinter } from './print-drop';

interface PreparedStatement extends Prepared {
  pdf: Buffer;
  recipient: NonNullable<OutreachRequestBase['contact']['address']> & { name: string };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The one-page statement: rendered to PDF and handed to the print-and-mail adapter. */
@Injectable()
export class StatementMailer implements ChannelSender<PreparedStatement> {
  readonly channel = 'letter' as const;

  constructor(
    @Inject(STATEMENT_PRINTER) private readonly printer: StatementPrinter,
    @Inject(CONFIG) private readonly config: OutreachConfig,
    private readonly payLinks: PayLinkClient,
  ) {}

  destinationOf(req: OutreachRequestBase): string | undefined {
    const a = req.contact.address;
    if (!a?.line1?.trim() || !a.city?.trim() || !a.state?.trim() || !a.postalCode?.trim()) return undefined;
    return [a.line1, a.line2 ?? '', a.city, a.state, a.postalCode].map((p) => p.trim().toUpperCase()).join('|');
  }

  purposeOf(req: OutreachRequestBase) {
    return this.pick(req).purpose;
  }

  private pick(req: OutreachRequestBase) {
    return selectTemplate({ channel: 'letter', templateKey: req.templateKey, stepKey: req.stepKey, tone: req.tone, language: req.language as Language });
  }

  async prepare(req: OutreachRequestBase, row: AttemptRow): Promise<PreparedStatement> {
    const dueDate = String((req as MailStatementRequest).dueDate ?? '').slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) throw invalidRequest('dueDate', 'must be a YYYY-MM-DD date');
    const { template } = this.pick(req);
    const clinic = clinicBranding(req, this.config);
    const firstName = req.contact.firstName ?? fallbackFirstName(req.language);
    // The statement's figures: the request's, else the ledger's as payments read them with the link.
    const link = await this.payLinks.linkFor(req);
    const insurancePaidCents = numberFigure(req, 'insurancePaidCents') ?? link.figures?.insurancePaidCents ?? 0;
    const adjustmentsCents = numberFigure(req, 'adjustmentsCents') ?? link.figures?.adjustmentsCents ?? 0;
    const payLink = link.url;
    const letter = render(template, { clinic, firstName, amountDueCents: req.balanceCents, insurancePaidCents, dueDate, payLink });
    if (letter.channel !== 'letter') throw new Error(`template ${template.key} is not a letter template`);
    const paragraphs = letter.blocks.filter((b) => b.kind === 'heading' || b.kind === 'paragraph').slice(0, 2);
    const statementDate = day(new Date(row.created_at));
    const recipient = { ...req.contact.address!, name: [req.contact.firstName, req.contact.lastName].filter(Boolean).join(' ') || 'Patient' };
    const pdf = await renderStatementPdf({
      language: req.language,
      clinic,
      statementDate,
      dueDate,
      accountNumber: payCodeFor(req),
      recipient,
      serviceDates: { from: stringFigure(req, 'serviceDateFrom') ?? statementDate, to: stringFigure(req, 'serviceDateTo') ?? stringFigure(req, 'serviceDateFrom') ?? statementDate },
      chargesCents: numberFigure(req, 'chargesCents') ?? link.figures?.chargesCents ?? req.balanceCents + insurancePaidCents + adjustmentsCents,
      insurancePaidCents,
      adjustmentsCents,
      amountDueCents: req.balanceCents,
      payLink,
      remitTo: this.config.REMIT_ADDRESS,
      title: letter.title,
      opening: paragraphs.map((b) => ('text' in b ? b.text : '')).join(' '),
    });
    return { templateKey: template.key, templateVersion: template.version, pdf, recipient };
  }

  async send(req: OutreachRequestBase, prepared: PreparedStatement, row: AttemptRow): Promise<SendResult> {
    const { jobId } = await this.printer.submit({
      attemptKey: req.attemptKey,
      tenantId: req.tenantId,
      clinicId: req.clinicId,
      accountId: req.accountId,
      language: req.language,
      recipient: prepared.recipient,
      pdf: prepared.pdf,
      day: day(new Date(row.created_at)),
    });
    return { providerMessageId: jobId };
  }

  async reconcile(req: OutreachRequestBase, _prepared: PreparedStatement, row: AttemptRow): Promise<SendResult | undefined> {
    const found = await this.printer.find(req.attemptKey, day(new Date(row.created_at)));
    return found ? { providerMessageId: found.jobId } : undefined;
  }
}
