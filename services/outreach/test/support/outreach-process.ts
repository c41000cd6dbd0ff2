// The outreach service as its own process (so a test can SIGKILL it): config from OUTREACH_TEST_ENV (JSON).
import 'reflect-metadata';
import { createOutreachApp, loadOutreachConfig } from '../../src';

void createOutreachApp(loadOutreachConfig(JSON.parse(process.env.OUTREACH_TEST_ENV ?? '{}'))).then(({ url }) => {
  process.send?.({ ready: url });
});
