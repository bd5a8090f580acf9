import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// People (users and their tenants), browser sessions, OIDC logins in flight,
// and tenant lists and scopes for API tokens. Existing tokens keep what they
// could do: every scope, and their one tenant or all of them.
export const migrationAccounts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('all_tenants', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('password_hash', 'text')
      .addColumn('oidc_issuer', 'text')
      .addColumn('oidc_subject', 'text')
      .addColumn('disabled_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('last_sign_in_at', 'bigint')
      .execute();
    await db.schema.createIndex('users_oidc').on('users').columns(['oidc_issuer', 'oidc_subject']).unique().execute();
    await db.schema.createTable('user_tenants')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addPrimaryKeyConstraint('user_tenants_pk', ['user_id', 'tenant_id'])
      .execute();
    await db.schema.createIndex('user_tenants_tenant').on('user_tenants').column('tenant_id').execute();
    await db.schema.createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_secret', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('address', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema.createTable('oidc_logins')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('code_verifier', 'text', (c) => c.notNull())
      .addColumn('return_to', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('api_tokens').addColumn('scopes', 'text', (c) => c.notNull().defaultTo('["read","write","admin"]')).execute();
    await db.schema.alterTable('api_tokens').addColumn('all_tenants', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('api_tokens').addColumn('created_by', 'text').execute();
    await db.schema.createTable('api_token_tenants')
      .addColumn('token_id', 'text', (c) => c.notNull().references('api_tokens.id').onDelete('cascade'))
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addPrimaryKeyConstraint('api_token_tenants_pk', ['token_id', 'tenant_id'])
      .execute();
    await db.schema.createIndex('api_token_tenants_tenant').on('api_token_tenants').column('tenant_id').execute();
    await sql`update api_tokens set all_tenants = 1 where tenant_id is null`.execute(db);
    await sql`insert into api_token_tenants (token_id, tenant_id) select id, tenant_id from api_tokens where tenant_id is not null`.execute(db);
  },
};
