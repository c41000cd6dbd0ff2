import { z } from 'zod';
import { envParts } from '@courtesy/config';

export const balancesWorkerConfigSchema = z.object({
  ...envParts.temporal,
  TEMPORAL_BALANCES_TASK_QUEUE: z.string().min(1).default('balances'),
});

export type BalancesWorkerConfig = z.infer<typeof balancesWorkerConfigSchema>;
