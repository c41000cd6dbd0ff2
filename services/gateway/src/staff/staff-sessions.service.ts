import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { GatewayConfig } from '../config';
import { CONFIG } from '../tokens';
import { DECOY_HASH, passwordMatches } from './passwords';
import type { StaffPrincipal } from './staff-principal';
import { StaffSession } from './staff-session.entity';
import { StaffUser } from './staff-user.entity';

export const SESSION_COOKIE = 'courtesy_staff';
/** The idle clock is written at most this often, so browsing does not write a row per request. */
const TOUCH_EVERY_MS = 60_000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function principalOf(u: StaffUser): StaffPrincipal {
  return { userId: u.id, tenantId: u.tenantId, role: u.role, clinicIds: u.clinicIds ?? 'all', displayName: u.displayName };
}

/** Sign-in, session lookup with idle and absolute expiry, sign-out, and per email+address login throttling. */
@Injectable()
export class StaffSessions {
  constructor(
    @Inject(CONFIG) private readonly config: GatewayConfig,
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(StaffUser) private readonly users: Repository<StaffUser>,
    @InjectRepository(StaffSession) private readonly sessions: Repository<StaffSession>,
  ) {}

  /** Returns the new session's token and the user, or null when email or password is wrong (or the user is disabled). */
  async signIn(email: string, password: string, address: string): Promise<{ token: string; user: StaffUser; expiresAt: Date } | null> {
    email = email.trim().toLowerCase();
    await this.checkThrottle(email, address);
    const user = await this.users.findOneBy({ email });
    // Unknown or disabled users still pay for a hash, so timing does not tell which emails exist.
    const ok = await passwordMatches(password, user?.passwordHash ?? (await DECOY_HASH));
    if (!user || !user.passwordHash || user.disabledAt || !ok) {
      await this.recordFailure(email, address);
      return null;
    }
    await this.db.query('delete from staff_login_throttle where email = $1 and address = $2', [email, address]);
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.STAFF_SESSION_MAX_HOURS * 3_600_000);
    await this.sessions.insert({ id: tokenHash(token), userId: user.id, createdAt: now, lastSeenAt: now, expiresAt, endedAt: null });
    return { token, user, expiresAt };
  }

  /** The signed-in user of a session token, or null when the session is unknown, ended, idle too long or past its end. */
  async authenticate(token: string): Promise<{ principal: StaffPrincipal; sessionId: string } | null> {
    const id = tokenHash(token);
    const session = await this.sessions.findOneBy({ id, endedAt: IsNull() });
    if (!session) return null;
    const now = Date.now();
    const idleMs = this.config.STAFF_SESSION_IDLE_MINUTES * 60_000;
    if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now) {
      await this.sessions.update({ id }, { endedAt: new Date(now) });
      return null;
    }
    const user = await this.users.findOneBy({ id: session.userId });
    if (!user || user.disabledAt) return null;
    if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await this.sessions.update({ id }, { lastSeenAt: new Date(now) });
    return { principal: principalOf(user), sessionId: id };
  }

  async signOut(token: string): Promise<void> {
    await this.sessions.update({ id: tokenHash(token), endedAt: IsNull() }, { endedAt: new Date() });
  }

  /** Ends every open session of a user (disabled, role or scope changed, password reset). */
  async endAllFor(userId: string): Promise<void> {
    await this.sessions.update({ userId, endedAt: IsNull() }, { endedAt: new Date() });
  }

  private async checkThrottle(email: string, address: string) {
    const windowMs = this.config.STAFF_LOGIN_WINDOW_MINUTES * 60_000;
    const [row]: Array<{ failures: number; window_started_at: Date }> = await this.db.query(
      'select failures, window_started_at from staff_login_throttle where email = $1 and address = $2',
      [email, address],
    );
    if (!row) return;
    const retryAt = new Date(row.window_started_at).getTime() + windowMs;
    if (row.failures >= this.config.STAFF_LOGIN_MAX_FAILURES && retryAt > Date.now()) {
      const seconds = Math.ceil((retryAt - Date.now()) / 1000);
      throw new HttpException(
        { statusCode: 429, retryAfterSeconds: seconds, errors: [{ path: 'body.email', message: `too many failed sign-ins for this email from this address; try again in ${Math.ceil(seconds / 60)} minutes` }] },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  /** Counts failures in a fixed window per email+address; a window older than the lockout starts over. */
  private async recordFailure(email: string, address: string) {
    await this.db.query(
      `insert into staff_login_throttle (email, address, failures, window_started_at) values ($1, $2, 1, now())
       on conflict (email, address) do update set
         failures = case when staff_login_throttle.window_started_at < now() - make_interval(mins => $3) then 1 else staff_login_throttle.failures + 1 end,
         window_started_at = case when staff_login_throttle.window_started_at < now() - make_interval(mins => $3) then now() else staff_login_throttle.window_started_at end`,
      [email, address, this.config.STAFF_LOGIN_WINDOW_MINUTES],
    );
  }
}
