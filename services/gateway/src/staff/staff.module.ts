import { Global, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { jsonBodyMiddleware } from '../ingest/json-body.middleware';
import { SessionController } from './session.controller';
import { ConsoleController } from './console.controller';
import { StaffAudit } from './staff-audit.service';
import { StaffGuard } from './staff.guard';
import { StaffSessions } from './staff-sessions.service';
import { StaffSession } from './staff-session.entity';
import { StaffUser } from './staff-user.entity';
import { StaffUsers } from './staff-users.service';
import { ServiceClients } from './service-clients';
import { StaffClinics } from './staff-clinics';
import { StaffAccountsController } from './staff-accounts.controller';
import { StaffAdminController, StaffAuditController } from './staff-admin.controller';
import { IntegratorKey } from '../integrators/integrator-key.entity';
import { StaffOperatorController } from './staff-operator.controller';
import { GatewayAdminGuard } from '../admin/admin.guard';
import type { GatewayConfig } from '../config';
import { CONFIG } from '../tokens';

const MAX_STAFF_BODY_BYTES = 256 * 1024;

/**
 * Staff console back end: sessions, guard, audit, users and the account story. Global, so other modules'
 * controllers can use `@UseGuards(StaffGuard)` and inject `StaffAudit` without importing it.
 * Staff request bodies (`/staff/v1/...`, POST/PUT/PATCH) must be JSON; the guard wants `x-courtesy-csrf: 1` on them.
 */
@Global()
@Module({})
export class StaffModule implements NestModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const shared = [StaffSessions, StaffGuard, StaffAudit, StaffUsers, ServiceClients, StaffClinics];
    return {
      module: StaffModule,
      global: true,
      imports: [TypeOrmModule.forFeature([StaffUser, StaffSession, IntegratorKey])],
      controllers: [SessionController, ConsoleController, StaffAccountsController, StaffAdminController, StaffAuditController, StaffOperatorController],
      providers: [{ provide: CONFIG, useValue: config }, GatewayAdminGuard, ...shared],
      exports: [CONFIG, ...shared],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    consumer.apply(jsonBodyMiddleware(MAX_STAFF_BODY_BYTES)).forRoutes('staff/v1/*path');
  }
}
