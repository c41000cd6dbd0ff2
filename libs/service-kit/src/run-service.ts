import type { INestApplication } from '@nestjs/common';
import { ConfigError } from '@courtesy/config';
import { createLogger } from '@courtesy/logging';

/**
 * The `main` of every service: build the app from the environment, listen, and stop cleanly on SIGINT/SIGTERM
 * (Kafka consumers leave their group, Temporal workers finish in-flight tasks).
 */
export function runService(name: string, create: () => Promise<{ app: INestApplication; url: string }>): void {
  const log = createLogger(name);
  create()
    .then(({ app, url }) => {
      log.info({ url }, `${name} listening`);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, `${name} stopping`);
        app
          .close()
          .then(() => process.exit(0))
          .catch((err) => {
            log.error({ err }, 'shutdown failed');
            process.exit(1);
          });
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    })
    .catch((err) => {
      if (err instanceof ConfigError) {
        // A config problem is the operator's to fix: say exactly what, without a stack trace.
        process.stderr.write(`${err.message}\n`);
      } else {
        log.fatal({ err }, `${name} failed to start`);
      }
      process.exit(1);
    });
}
