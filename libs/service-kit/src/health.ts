import { Controller, Get, Inject, type Provider } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';

/** One real dependency of a service (database, broker, Temporal, SMTP) and how to prove it answers. */
export interface DependencyCheck {
  name: string;
  check: () => Promise<unknown>;
}

export const DEPENDENCY_CHECKS = Symbol('DEPENDENCY_CHECKS');
const CHECK_TIMEOUT_MS = 3_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}

@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DEPENDENCY_CHECKS) private readonly checks: DependencyCheck[],
  ) {}

  /** 200 with every dependency `up`, or 503 naming the one that is down and why. */
  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check(
      this.checks.map((dep) => async () => {
        const session = this.indicators.check(dep.name);
        const started = Date.now();
        try {
          await withTimeout(dep.check(), CHECK_TIMEOUT_MS);
          return session.up({ latencyMs: Date.now() - started });
        } catch (err) {
          return session.down({ message: err instanceof Error ? err.message : String(err) });
        }
      }),
    );
  }
}

/**
 * The pieces a service spreads into its root module so `/health` can see the service's own clients
 * (a separate module would live in its own injector scope and could not inject them).
 */
export function healthParts(options: { inject?: any[]; useFactory: (...args: any[]) => DependencyCheck[] }) {
  const provider: Provider = { provide: DEPENDENCY_CHECKS, inject: options.inject ?? [], useFactory: options.useFactory };
  return {
    imports: [TerminusModule.forRoot({ errorLogStyle: 'json', logger: false })],
    controllers: [HealthController],
    providers: [provider],
  };
}
