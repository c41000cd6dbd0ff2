import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayConfig } from '../config';
import { CONFIG } from '../tokens';

/** Same relative place from src/staff (tests) and dist/staff (built). */
const DEFAULT_DIST = join(__dirname, '../../console/dist');

const SECURITY_HEADERS: Record<string, string> = {
  // The SPA loads only its own bundle and talks only to this origin; charts may set inline styles.
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * Serves the staff console (the vite build of services/gateway/console) at /console/: hashed assets cached for
 * good, every other path answered with index.html so the SPA's router handles deep links (/console/accounts/...).
 */
@Controller('console')
export class ConsoleController {
  private readonly dist: string;

  constructor(@Inject(CONFIG) config: GatewayConfig) {
    this.dist = config.CONSOLE_DIST_DIR ?? DEFAULT_DIST;
  }

  /** `/console` and `/console/` (express routes them alike) and every deep link below. */
  @Get(['', '*path'])
  serve(@Req() req: Request, @Res() res: Response) {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!existsSync(join(this.dist, 'index.html'))) {
      res.status(503).type('text/plain').send('The staff console is not built: run `npx vite build` in services/gateway/console (npm start does it).');
      return;
    }
    const rel = req.path.replace(/^\/console\/?/, '');
    if (rel.startsWith('assets/')) {
      // `root` makes send() refuse paths that climb out of the folder.
      res.sendFile(rel, { root: this.dist, maxAge: '365d', immutable: true, dotfiles: 'deny' }, (err) => {
        if (err && !res.headersSent) res.status(404).type('text/plain').send('not found');
      });
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile('index.html', { root: this.dist });
  }
}
