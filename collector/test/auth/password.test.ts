import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/auth/password.js';
import { assignmentProblem } from '../../src/auth/roles.js';

describe('password hashing', () => {
  it('stores scrypt parameters and a per-password salt with the hash', async () => {
    const a = await hashPassword('the same password', { N: 1024, r: 8, p: 1 });
    const b = await hashPassword('the same password', { N: 1024, r: 8, p: 1 });
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('the same password', a)).toBe(true);
    expect(await verifyPassword('the same password!', a)).toBe(false);
    expect(await verifyPassword('the same password', 'bcrypt$whatever')).toBe(false);
  });

  it('uses a memory-hard default', async () => {
    expect((await hashPassword('x'.repeat(12))).split('$').slice(1, 4).map(Number)).toEqual([32768, 8, 3]);
  });

  it('asks for a long enough password', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('twelve chars')).toBeNull();
  });
});

describe('role assignments', () => {
  it.each([
    ['provider-admin', { allTenants: true, tenantIds: [] }, null],
    ['provider-admin', { allTenants: false, tenantIds: ['a'] }, /every tenant/],
    ['provider-noc', { allTenants: false, tenantIds: ['a', 'b'] }, null],
    ['provider-noc', { allTenants: false, tenantIds: [] }, /list of tenants/],
    ['internal-admin', { allTenants: false, tenantIds: ['a'] }, null],
    ['internal-viewer', { allTenants: true, tenantIds: [] }, /exactly one tenant/],
    ['superuser', { allTenants: true, tenantIds: [] }, /role must be one of/],
  ] as const)('%s with %j', (role, assignment, problem) => {
    const found = assignmentProblem(role, { ...assignment, tenantIds: [...assignment.tenantIds] });
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});
