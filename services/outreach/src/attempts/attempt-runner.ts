import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationFailure } from '@temporalio/activity';
import type { AttemptOutcome, OutreachNotPossibleReason, OutreachRequestBase } from '@courtesy/workflows';
import { createLogger } from '@courtesy/logging';
import { evaluateAttempt, type Channel, type ContactPointStatus, type Decision } from '../compliance';
import type { TemplatePurpose } from '../templates';
import { ContactPointsService } from '../contact-points/contact-points.service';
import { AttemptLog, type AttemptRow } from './attempt-log';
import { guardContext } from './guard-context';
import { notPossibleReason } from './outcome-mapping';
import { checkRequest } from './request-check';

const log = createLogger('outreach.attempts');

/** What a channel renders before the guard's allow is acted on. */
export interface Prepared {
  templateKey: string;
  templateVersion: number;
}

export interface SendResult {
  providerMessageId: string;
  costCents?: number | null;
}

/** The provider refused the message for good (bad number, bad address): it was not sent and never will be. */
export class PermanentSendFailure extends Error {
  constructor(
    readonly reason: OutreachNotPossibleReason,
    readonly pointStatus: ContactPointStatus | null,
    detail: string,
  ) {
    super(detail);
    this.name = 'PermanentSendFailure';
  }
}

/** The provider answered with an error, so nothing went out; a retry may send. */
export class NotSentError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'NotSentError';
  }
}

export interface ChannelSender<P extends Prepared> {
  readonly channel: Channel;
  /** Where the attempt would go (phone, email, postal line), or undefined when there is nowhere. */
  destinationOf(req: OutreachRequestBase): string | undefined;
  /** Which purpose the guard judges (from the template chosen). */
  purposeOf(req: OutreachRequestBase): TemplatePurpose;
  prepare(req: OutreachRequestBase, row: AttemptRow, destination: string): P | Promise<P>;
  send(req: OutreachRequestBase, prepared: P, row: AttemptRow, destination: string, decision: Decision): Promise<SendResult>;
  /** For an attempt a crashed worker may have handed over: the provider's ID if it already has it. */
  reconcile?(req: OutreachRequestBase, prepared: P, row: AttemptRow, destination: string): Promise<SendResult | undefined>;
  /** Call tasks are queued ahead: a deferral by the calling window alone only sets the task's due time. */
  queuesAhead?: boolean;
}

/**
 * One attempt on one channel, in this order: write the attempt (unique key) → ask the guard → record the
 * decision → hand to the provider → record the result. A retry of the same key returns the stored outcome;
 * one whose earlier execution died after "sending" is reconciled with the provider before anything is resent.
 */
@Injectable()
export class AttemptRunner {
  constructor(
    private readonly attempts: AttemptLog,
    private readonly points: ContactPointsService,
    private readonly db: DataSource,
  ) {}

  async run<P extends Prepared>(req: OutreachRequestBase, sender: ChannelSender<P>, now: () => Date = () => new Date()): Promise<AttemptOutcome> {
    checkRequest(req);
    const channel = sender.channel;
    const { row, claimed } = await this.attempts.begin(req, channel);
    if (!claimed) {
      if (row.outcome) return row.outcome;
      // Another execution holds the lease (or held it and died); Temporal retries after its backoff.
      throw ApplicationFailure.retryable(`attempt ${req.attemptKey} is being processed by another execution`, 'AttemptBusy');
    }
    const attemptId = req.attemptKey;
    const destination = sender.destinationOf(req);
    try {
      if (destination !== undefined) await this.points.observe(req.tenantId, req.accountId, channel, destination);

      if (row.status === 'sending' && sender.reconcile && destination !== undefined) {
        const prepared = await sender.prepare(req, row, destination);
        const found = await sender.reconcile(req, prepared, row, destination);
        if (found) {
          log.info({ attemptKey: attemptId, channel }, 'in-doubt attempt was already accepted by the provider');
          return await this.sent(row, found);
        }
      }

      const purpose = sender.purposeOf(req);
      // Decide and mark "sending" under a per-account lock, so two attempts for one account at the same moment
      // (a cadence step and a plan reminder) cannot both pass the frequency caps.
      const step = await this.db.transaction(async (tx) => {
        await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`outreach-account:${req.tenantId}:${req.accountId}`]);
        const at = now();
        const context = guardContext({
          request: req,
          channel,
          destination,
          points: await this.points.forAccount(req.tenantId, req.accountId, req.contact.phone, tx),
          attempts: await this.attempts.recentForGuard(req.tenantId, req.accountId, req.attemptKey, tx),
          clinicTimeZone: typeof req.figures?.clinicTimeZone === 'string' ? req.figures.clinicTimeZone : undefined,
          now: at,
        });
        const decision = evaluateAttempt({ channel, purpose }, context, at);

        if (decision.outcome === 'block') {
          const outcome: AttemptOutcome = { status: 'not_possible', attemptId, reason: notPossibleReason(decision.reason, channel), rule: decision.rule };
          await this.attempts.markDecided(row, 'blocked', { decision, rule: decision.rule, explanation: decision.explanation, outcome, destination, purpose }, tx);
          log.info({ attemptKey: attemptId, channel, rule: decision.rule }, 'attempt blocked');
          return { kind: 'done' as const, outcome };
        }
        const queueAhead = decision.outcome === 'defer' && sender.queuesAhead && decision.rules.every((r) => r === 'calling_window');
        if (decision.outcome === 'defer' && !queueAhead) {
          const outcome: AttemptOutcome = { status: 'deferred', attemptId, until: decision.until, rule: decision.rule };
          await this.attempts.markDecided(row, 'deferred', { decision, rule: decision.rule, explanation: decision.explanation, outcome, destination, purpose }, tx);
          log.info({ attemptKey: attemptId, channel, rule: decision.rule, until: decision.until }, 'attempt deferred');
          return { kind: 'done' as const, outcome };
        }

        let prepared: P;
        try {
          prepared = await sender.prepare(req, row, destination!);
        } catch (err) {
          // A dependency that failed for now (payments issuing the pay link): roll back, let the activity retry.
          if (err instanceof NotSentError) throw err;
          // A template that cannot render for this patient will not render on retry either.
          const why = err instanceof Error ? err.message : String(err);
          const outcome: AttemptOutcome = { status: 'not_possible', attemptId, reason: 'already_tried', rule: 'template_error' };
          await this.attempts.markDecided(row, 'failed', { decision, rule: 'template_error', explanation: why, outcome, destination, purpose }, tx);
          return { kind: 'template_error' as const, why };
        }
        await this.attempts.markSending(row, { decision, destination: destination!, templateKey: prepared.templateKey, templateVersion: prepared.templateVersion, purpose }, tx);
        return { kind: 'send' as const, prepared, decision };
      });
      if (step.kind === 'done') return step.outcome;
      if (step.kind === 'template_error') throw ApplicationFailure.nonRetryable(`attempt ${attemptId}: ${step.why}`, 'TemplateError');
      const { prepared, decision } = step;
      let result: SendResult;
      try {
        result = await sender.send(req, prepared, row, destination!, decision);
      } catch (err) {
        if (err instanceof PermanentSendFailure) {
          const outcome: AttemptOutcome = { status: 'not_possible', attemptId, reason: err.reason, rule: 'provider_rejected' };
          await this.attempts.markDecided(row, 'failed', { decision, rule: 'provider_rejected', explanation: err.message, outcome });
          if (err.pointStatus) await this.points.markStatus(req.tenantId, req.accountId, channel, destination!, err.pointStatus);
          return outcome;
        }
        throw err;
      }
      log.info({ attemptKey: attemptId, channel, templateKey: prepared.templateKey }, 'attempt sent');
      return await this.sent(row, result);
    } catch (err) {
      // Give the lease back so a retry need not wait for it to lapse. An attempt that reached "sending" stays in
      // doubt (the retry reconciles) unless the provider answered with an error, which proves nothing went out.
      const current = await this.attempts.get(req.attemptKey).catch(() => undefined);
      if (current && !current.outcome) {
        const inDoubt = current.status === 'sending' && !(err instanceof NotSentError);
        await this.attempts.release(current, inDoubt ? 'sending' : 'pending').catch(() => undefined);
      }
      throw err;
    }
  }

  private async sent(row: AttemptRow, result: SendResult): Promise<AttemptOutcome> {
    const outcome: AttemptOutcome = { status: 'sent', attemptId: row.attempt_key, providerMessageId: result.providerMessageId };
    await this.attempts.markSent(row, result.providerMessageId, result.costCents ?? null, outcome);
    return outcome;
  }
}
