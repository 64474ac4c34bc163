// `sluice users …` as a user runs it: bin/sluice in a child process, on a data directory of its own.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { createApp } from '../../web/app.ts';
import { authenticate } from '../../web/auth/accounts.ts';

const bin = fileURLToPath(new URL('../../../bin/sluice', import.meta.url));

function sluice(dir: string, args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--data', dir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('sluice users', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-users-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('adds accounts from stdin (the first takes over the local user), lists, changes passwords and removes them', async () => {
    const before = await sluice(dir, ['users', 'list', '--json']);
    assert.equal(before.code, 0, before.stderr);
    assert.deepEqual(JSON.parse(before.stdout).map((u: { name: string; hasPassword: boolean }) => [u.name, u.hasPassword]), [['local', false]]);
    const interest = await sluice(dir, ['interests', 'add', 'Rust', '--keywords', 'rust, cargo']);
    assert.equal(interest.code, 0, interest.stderr);

    // Refusals write nothing, so they run side by side.
    const [noFlag, short, empty, badName] = await Promise.all([
      sluice(dir, ['users', 'add', 'ada'], 'long enough password\n'),
      sluice(dir, ['users', 'add', 'ada', '--password-stdin'], 'short\n'),
      sluice(dir, ['users', 'add', 'ada', '--password-stdin'], ''),
      sluice(dir, ['users', 'add', 'a b', '--password-stdin'], 'long enough password\n'),
    ]);
    assert.equal(noFlag.code, 2);
    assert.match(noFlag.stderr, /--password-stdin/);
    assert.equal(short.code, 1);
    assert.match(short.stderr, /at least 8 characters/);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /no password on stdin/);
    assert.equal(badName.code, 1);
    assert.match(badName.stderr, /invalid user name/);

    const ada = await sluice(dir, ['users', 'add', 'ada', '--password-stdin'], 'long enough password\n');
    assert.equal(ada.code, 0, ada.stderr);
    assert.match(ada.stdout, /Added user ada \(took over the local user "local"/);
    const kept = await sluice(dir, ['--user', 'ada', 'interests', 'list', '--json']);
    assert.deepEqual(JSON.parse(kept.stdout).map((i: { name: string }) => i.name), ['Rust'], 'the interest made before signing up is kept');

    const bob = await sluice(dir, ['users', 'add', 'bob', '--password-stdin'], 'bobs password');
    assert.equal(bob.code, 0, bob.stderr);
    assert.equal(bob.stdout, 'Added user bob\n');
    const duplicate = await sluice(dir, ['users', 'add', 'BOB', '--password-stdin'], 'bobs password');
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /user "BOB" already exists/);
    const list = await sluice(dir, ['users', 'list']);
    assert.match(list.stdout, /^ID\s+NAME\s+KIND\s+CREATED\n1\s+ada\s+account\s+\d{4}-\d\d-\d\d\n2\s+bob\s+account/);
    assert.deepEqual((await sluice(dir, ['--user', 'bob', 'interests', 'list', '--json'])).stdout.trim(), '[]', "bob sees none of ada's interests");

    const store = openSqliteStore(join(dir, 'sluice.db'));
    try {
      assert.ok(await authenticate(store, 'ada', 'long enough password'), 'the trailing newline is not part of the password');
      const changed = await sluice(dir, ['users', 'password', 'ada', '--password-stdin'], 'a brand new password\n');
      assert.equal(changed.code, 0, changed.stderr);
      assert.equal(await authenticate(store, 'ada', 'long enough password'), undefined);
      assert.ok(await authenticate(store, 'ada', 'a brand new password'));
    } finally {
      await store.close();
    }

    const removed = await sluice(dir, ['users', 'remove', 'bob']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(JSON.parse((await sluice(dir, ['users', 'list', '--json'])).stdout).map((u: { name: string }) => u.name), ['ada']);
    const gone = await sluice(dir, ['users', 'remove', 'bob']);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /no user named "bob"/);
  });

  it('creates a token shown once that opens the API, lists it, and revokes it', async () => {
    const created = await sluice(dir, ['users', 'token', 'add', 'ada', 'NetNewsWire', 'on', 'phone']);
    assert.equal(created.code, 0, created.stderr);
    const secret = created.stdout.trim();
    assert.match(secret, /^sluice_[\w-]{43}$/);
    assert.match(created.stderr, /shown only this once/);

    const store = openSqliteStore(join(dir, 'sluice.db'));
    try {
      const app = createApp(store);
      const me = await app.request('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(me.status, 200);
      assert.equal(((await me.json()) as { name: string }).name, 'ada');

      const [list, again] = await Promise.all([
        sluice(dir, ['users', 'token', 'list', 'ada', '--json']),
        sluice(dir, ['users', 'token', 'add', 'ada', 'netnewswire on phone']),
      ]);
      const tokens = JSON.parse(list.stdout) as { name: string; lastUsedAt: string | null }[];
      assert.deepEqual(tokens.map((t) => t.name), ['NetNewsWire on phone']);
      assert.ok(tokens[0].lastUsedAt, 'the API call is recorded as its last use');
      assert.doesNotMatch(list.stdout, new RegExp(secret), 'the secret is never shown again');

      assert.equal(again.code, 1);
      assert.match(again.stderr, /already exists/);

      const revoked = await sluice(dir, ['users', 'token', 'revoke', 'ada', 'NetNewsWire on phone']);
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.equal((await app.request('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } })).status, 401);
      const [twice, none, nameless] = await Promise.all([
        sluice(dir, ['users', 'token', 'revoke', 'ada', 'NetNewsWire on phone']),
        sluice(dir, ['users', 'token', 'list', 'ada']),
        sluice(dir, ['users', 'token', 'add', 'ada']),
      ]);
      assert.equal(twice.code, 1);
      assert.match(twice.stderr, /has no token named/);
      assert.match(none.stdout, /ada has no API tokens/);
      assert.equal(nameless.code, 2, 'TOKEN_NAME is required');
    } finally {
      await store.close();
    }
  });
});
