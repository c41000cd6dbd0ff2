import { Inject, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AesGcmPayloadCodec, parseCodecKeys } from '@courtesy/temporal';
import type { GatewayConfig } from '../config';
import { jsonBodyMiddleware } from '../ingest/json-body.middleware';
import { CodecController, PAYLOAD_CODEC } from './codec.controller';
import { CodecSessionController } from './codec-session.controller';
import { CODEC_ACCESS, CodecGuard, type CodecAccess } from './codec.guard';
import { codecCors } from './codec-cors.middleware';

const CORS_ORIGINS = Symbol('CODEC_CORS_ORIGINS');

/** Largest codec request: a workflow history page of payloads, not an integrator batch. */
const MAX_CODEC_BODY_BYTES = 16 * 1024 * 1024;

/** POST /codec/encode and /codec/decode for Temporal UI and `temporal --codec-endpoint`. */
@Module({})
export class CodecModule implements NestModule {
  constructor(@Inject(CORS_ORIGINS) private readonly origins: string[]) {}

  static forRoot(config: GatewayConfig): DynamicModule {
    const access: CodecAccess = {
      // Without keys there is nothing to decode with, so the endpoint stays shut whatever the token.
      token: config.PAYLOAD_CODEC_KEYS ? (config.CODEC_AUTH_TOKEN ?? config.ADMIN_TOKEN) : undefined,
      namespaces: config.CODEC_NAMESPACES,
      secureCookie: config.PUBLIC_BASE_URL.startsWith('https:'),
    };
    const codec = config.PAYLOAD_CODEC_KEYS
      ? new AesGcmPayloadCodec(parseCodecKeys(config.PAYLOAD_CODEC_KEYS))
      : { encode: async () => [], decode: async () => [] };
    return {
      module: CodecModule,
      controllers: [CodecController, CodecSessionController],
      providers: [
        { provide: PAYLOAD_CODEC, useValue: codec },
        { provide: CORS_ORIGINS, useValue: config.CODEC_CORS_ORIGINS },
        { provide: CODEC_ACCESS, useValue: access },
        CodecGuard,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    consumer
      .apply(codecCors(this.origins), jsonBodyMiddleware(MAX_CODEC_BODY_BYTES))
      .forRoutes('codec/*path');
  }
}
