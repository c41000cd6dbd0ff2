import { Controller, Get, Header, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { dirname, join } from 'node:path';
import { openApiDocument } from '@courtesy/contracts';
import type { GatewayConfig } from '../config';
import { CONFIG } from '../tokens';

const uiDir = dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png']);

/** The integrator API's OpenAPI 3.1 document (generated from the event schemas) and an interactive UI. */
@Controller()
export class DocsController {
  private readonly document: object;

  constructor(@Inject(CONFIG) config: GatewayConfig) {
    this.document = openApiDocument({ serverUrl: config.PUBLIC_BASE_URL });
  }

  @Get('openapi.json')
  openapi() {
    return this.document;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  ui() {
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Courtesy integrator API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"><link rel="icon" href="/docs/assets/favicon-32x32.png"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', deepLinking: true, tryItOutEnabled: false });</script>
</body></html>`;
  }

  @Get('docs/assets/:file')
  asset(@Param('file') file: string, @Res() res: Response) {
    if (!ASSETS.has(file)) throw new NotFoundException();
    res.sendFile(join(uiDir, file), { maxAge: '1h' });
  }
}
