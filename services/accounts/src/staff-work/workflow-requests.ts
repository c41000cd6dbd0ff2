import { HttpException, NotFoundException } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';

/** A refusal by the balance workflow's validator: "<field>: <reason>" becomes a 422 naming `body.<field>`. */
export class WorkflowRefusal extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }

  /** The role the refusal says is needed ("9 installments need a manager's approval"), if that is its cause. */
  get requiredRole(): 'manager' | 'finance_lead' | undefined {
    const m = /needs? a (manager|finance_lead)'s approval/.exec(this.reason);
    return m ? (m[1] as 'manager' | 'finance_lead') : undefined;
  }

  toHttp(fieldMap: Record<string, string> = {}): HttpException {
    return new HttpException({ statusCode: 422, errors: [{ path: `body.${fieldMap[this.field] ?? this.field}`, message: this.reason }] }, 422);
  }
}

/** Runs an Update and turns the workflow's answers into domain errors: refusal, or no running balance. */
export async function askWorkflow<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) {
      throw new NotFoundException({ statusCode: 404, errors: [{ path: 'accountId', message: 'the balance has no running workflow (paid, or not started yet)' }] });
    }
    if (err instanceof WorkflowUpdateFailedError) {
      const message = err.cause?.message ?? err.message;
      const m = /^([A-Za-z]+): ([\s\S]*)$/.exec(message);
      throw m ? new WorkflowRefusal(m[1], m[2]) : new WorkflowRefusal('request', message);
    }
    throw err;
  }
}
