import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Inject,
  Post,
  UseGuards,
} from '@nestjs/common';
import type { PayloadCodec } from '@temporalio/common';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { fromJson, payloadsBody, toJson, type PayloadsBody } from './codec-protocol';
import { CodecGuard } from './codec.guard';

export const PAYLOAD_CODEC = Symbol('PAYLOAD_CODEC');

/** Temporal's remote codec endpoint: the same AES-GCM codec the workers use, behind the ops token. */
@Controller('codec')
@UseGuards(CodecGuard)
export class CodecController {
  constructor(@Inject(PAYLOAD_CODEC) private readonly codec: PayloadCodec) {}

  @Post('encode')
  @HttpCode(HttpStatus.OK)
  async encode(@Body(new ZodValidationPipe(payloadsBody)) body: PayloadsBody): Promise<PayloadsBody> {
    const encoded = await this.codec.encode(body.payloads.map(fromJson));
    return { payloads: encoded.map(toJson) };
  }

  @Post('decode')
  @HttpCode(HttpStatus.OK)
  async decode(@Body(new ZodValidationPipe(payloadsBody)) body: PayloadsBody): Promise<PayloadsBody> {
    // One at a time, so a payload that does not decrypt is named by its index.
    const decoded = [];
    for (const [i, payload] of body.payloads.entries()) {
      try {
        decoded.push(...(await this.codec.decode([fromJson(payload)])));
      } catch (err) {
        throw new BadRequestException({
          statusCode: 400,
          errors: [
            { path: `body.payloads[${i}]`, message: `could not be decrypted (${(err as Error).message})` },
          ],
        });
      }
    }
    return { payloads: decoded.map(toJson) };
  }
}
