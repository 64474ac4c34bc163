import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPasswordStrength, CURRENT_PARAMS, hashPassword, MalformedPasswordHashError, parseHash, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('writes a self-describing scrypt hash with a fresh salt and verifies it', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    assert.match(a, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.notEqual(a, b, 'each hash has its own salt');
    assert.deepEqual(await verifyPassword('correct horse battery', a), { ok: true, needsRehash: false });
    assert.deepEqual(await verifyPassword('correct horse batterY', a), { ok: false, needsRehash: false });
    assert.deepEqual(await verifyPassword('', a), { ok: false, needsRehash: false });
  });

  it('verifies a hash made with older, weaker parameters and asks for a rehash', async () => {
    const old = await hashPassword('hunter22hunter', { N: 1024, r: 8, p: 1 });
    assert.deepEqual(await verifyPassword('hunter22hunter', old), { ok: true, needsRehash: true });
    assert.equal(parseHash(old).params.N, 1024);
    assert.ok(CURRENT_PARAMS.N >= 2 ** 15);
  });

  it('treats the same text in composed and decomposed Unicode as one password', async () => {
    const h = await hashPassword('caf\u00e9-passw0rd', { N: 1024, r: 8, p: 1 });
    assert.equal((await verifyPassword('cafe\u0301-passw0rd', h)).ok, true);
  });

  it('refuses malformed or absurd stored hashes instead of running them', async () => {
    for (const bad of ['', 'bcrypt$2b$10$x', 'scrypt$1000$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', 'scrypt$1073741824$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA']) {
      await assert.rejects(verifyPassword('whatever1', bad), MalformedPasswordHashError, bad);
    }
  });

  it('refuses passwords shorter than 8 or absurdly long', () => {
    assert.throws(() => checkPasswordStrength('1234567'), /at least 8/);
    assert.throws(() => checkPasswordStrength('x'.repeat(1025)), /at most 1024/);
    checkPasswordStrength('12345678');
  });
});
