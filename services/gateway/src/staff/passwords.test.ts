import { hashPassword, passwordMatches } from './passwords';

describe('staff passwords', () => {
  it('salts every hash and matches only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toContain('correct');
    expect(await passwordMatches('correct horse battery', a)).toBe(true);
    expect(await passwordMatches('correct horse batterY', a)).toBe(false);
    expect(await passwordMatches('', a)).toBe(false);
  });

  it('never matches a malformed or foreign stored hash', async () => {
    expect(await passwordMatches('x', 'plain-text')).toBe(false);
    expect(await passwordMatches('x', 'bcrypt$10$abc$def')).toBe(false);
    expect(await passwordMatches('x', 'scrypt$16384$8$1$$')).toBe(false);
  });
});
