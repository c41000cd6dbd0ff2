import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Request IDs are the caller's idempotency keys per balance, not unique across balances. */
export class SettlementOfferKey1733180000000 implements MigrationInterface {
  name = 'SettlementOfferKey1733180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('alter table settlement_offers drop constraint settlement_offers_pkey');
    await q.query('alter table settlement_offers add primary key (balance_workflow_id, request_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table settlement_offers drop constraint settlement_offers_pkey');
    await q.query('alter table settlement_offers add primary key (request_id)');
  }
}
