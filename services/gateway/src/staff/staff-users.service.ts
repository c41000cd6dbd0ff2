import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { hashPassword } from './passwords';
import type { StaffRole } from './staff-principal';
import { StaffSessions } from './staff-sessions.service';
import { StaffUser } from './staff-user.entity';

export interface NewStaffUser {
  email: string;
  displayName: string;
  role: StaffRole;
  /** null: every clinic of the tenant. */
  clinicIds: string[] | null;
  password: string;
}

export interface StaffUserChange {
  displayName?: string;
  role?: StaffRole;
  clinicIds?: string[] | null;
  disabled?: boolean;
  password?: string;
}

/** The public face of a user row: never the password hash. */
export const userView = (u: StaffUser) => ({
  id: u.id,
  tenantId: u.tenantId,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  clinicIds: u.clinicIds ?? ('all' as const),
  provider: u.provider,
  disabled: u.disabledAt !== null,
  createdAt: u.createdAt.toISOString(),
});

/** Staff users of a tenant: create, change role/clinics, disable (which ends their sessions at once). */
@Injectable()
export class StaffUsers {
  constructor(
    @InjectRepository(StaffUser) private readonly users: Repository<StaffUser>,
    private readonly sessions: StaffSessions,
  ) {}

  async list(tenantId: string) {
    return (await this.users.find({ where: { tenantId }, order: { role: 'ASC', email: 'ASC' } })).map(userView);
  }

  async create(tenantId: string, input: NewStaffUser) {
    const email = input.email.trim().toLowerCase();
    if (await this.users.existsBy({ email })) {
      throw new ConflictException({ statusCode: 409, errors: [{ path: 'body.email', message: 'is already used by another staff user' }] });
    }
    const row = await this.users.save(
      this.users.create({
        tenantId,
        email,
        displayName: input.displayName.trim(),
        role: input.role,
        clinicIds: input.clinicIds,
        provider: 'password',
        passwordHash: await hashPassword(input.password),
        disabledAt: null,
      }),
    );
    return userView(row);
  }

  /** Any change to who the user is or what they may see ends their open sessions: the next request signs in anew. */
  async update(tenantId: string, id: string, change: StaffUserChange) {
    const user = await this.users.findOneBy({ tenantId, id });
    if (!user) throw new NotFoundException({ statusCode: 404, errors: [{ path: 'path.userId', message: 'no such staff user in this tenant' }] });
    if (change.displayName !== undefined) user.displayName = change.displayName.trim();
    if (change.role !== undefined) user.role = change.role;
    if (change.clinicIds !== undefined) user.clinicIds = change.clinicIds;
    if (change.password !== undefined) user.passwordHash = await hashPassword(change.password);
    if (change.disabled !== undefined) user.disabledAt = change.disabled ? (user.disabledAt ?? new Date()) : null;
    await this.users.save(user);
    if (change.role !== undefined || change.clinicIds !== undefined || change.password !== undefined || change.disabled) {
      await this.sessions.endAllFor(user.id);
    }
    return userView(user);
  }

  /** For seeding (npm start's demo users, test stacks): creates the user, or resets an existing one to these values. */
  async ensure(tenantId: string, input: NewStaffUser) {
    const existing = await this.users.findOneBy({ email: input.email.trim().toLowerCase() });
    if (!existing) return this.create(tenantId, input);
    return this.update(existing.tenantId, existing.id, { displayName: input.displayName, role: input.role, clinicIds: input.clinicIds, password: input.password, disabled: false });
  }
}
