import {
  Body,
  Controller,
  Delete,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { IntegratorsService } from '../integrators/integrators.service';
import { GatewayAdminGuard } from './admin.guard';

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dot, dash or underscore');
const keyBody = z.strictObject({
  tenantId: id,
  clinicIds: z.array(id).min(1, 'must list at least one clinic').max(1000),
  label: z.string().trim().min(1).max(120),
  signingSecret: z.string().min(32, 'must be at least 32 characters').optional(),
});

@Controller('admin/integrator-keys')
@UseGuards(GatewayAdminGuard)
export class IntegratorKeysController {
  constructor(private readonly integrators: IntegratorsService) {}

  /** The plaintext key is in this response only; store it in the integration's secret store. */
  @Post()
  @HttpCode(HttpStatus.CREATED)
  issue(@Body(new ZodValidationPipe(keyBody)) body: z.infer<typeof keyBody>) {
    return this.integrators.issue(body);
  }

  /** Revocation is immediate on this instance and reaches every other gateway replica within seconds. */
  @Delete(':keyId')
  @HttpCode(HttpStatus.NO_CONTENT)
  async revoke(@Param('keyId') keyId: string) {
    if (!(await this.integrators.revoke(keyId))) {
      throw new NotFoundException({
        statusCode: 404,
        errors: [{ path: 'keyId', message: 'is not an active API key' }],
      });
    }
  }
}
