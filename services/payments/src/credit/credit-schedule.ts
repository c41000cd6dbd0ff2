import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { createLogger } from '@courtesy/logging';
import type { PaymentsConfig } from '../config';
import { CONFIG, TEMPORAL_CLIENT } from '../tokens';

const log = createLogger('payments.credit-schedule');
/** One schedule per payments task queue (`payments` in production), so test stacks never share one. */
export const creditSweepScheduleId = (taskQueue: string) => `payments:credit-sweep:${taskQueue}`;
export const scheduledPaymentsScheduleId = (taskQueue: string) => `payments:scheduled-payments:${taskQueue}`;

/**
 * Makes sure the weekly credit sweep Schedule exists (Mondays 06:00 UTC, one run at a time, a missed run caught
 * up within a day), so every deployment gets it without a manual step. Refunds then go out within the 5
 * business days the policy allows after detection.
 */
@Injectable()
export class CreditSweepSchedule implements OnApplicationBootstrap {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CONFIG) private readonly config: PaymentsConfig,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.CREDIT_SWEEP_SCHEDULE) return;
    const queue = this.config.TEMPORAL_PAYMENTS_TASK_QUEUE;
    // 15:00 UTC is mid-morning across the continental US, inside every patient's 8 am–9 pm window.
    await this.ensure(scheduledPaymentsScheduleId(queue), '0 15 * * *', 'ScheduledPaymentsWorkflow');
    await this.ensure(creditSweepScheduleId(queue), '0 6 * * 1', 'CreditSweepWorkflow');
  }

  private async ensure(scheduleId: string, cron: string, workflowType: string) {
    try {
      await this.temporal.schedule.create({
        scheduleId,
        spec: { cronExpressions: [cron] },
        action: { type: 'startWorkflow', workflowType, taskQueue: this.config.TEMPORAL_PAYMENTS_TASK_QUEUE, args: [] },
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      });
      log.info({ scheduleId }, 'schedule created');
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    }
  }
}
