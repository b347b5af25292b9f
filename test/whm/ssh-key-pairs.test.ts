import { spawnSync } from 'node:child_process';
import { createDecipheriv, createHash, createHmac } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';
import { whmIn } from './support.js';

/*
 * generatesshkeypair's keys checked by OpenSSH's own ssh-keygen (a program
 * nobody here wrote): it must open the private key (with its passphrase)
 * and derive exactly the public key listsshkeys shows. The PuTTY file is
 * decrypted and checked here with the format's own rules.
 */

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'mp-sshkeys-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  return server?.close();
});

interface Key {
  file: string;
  text: string;
}

async function pair(world: string, params: Record<string, string | number>): Promise<{ priv: string; pub: string }> {
  const whm = whmIn(server, world);
  await whm.call('generatesshkeypair', params);
  const { keys } = await whm.data<{ keys: Key[] }>('listsshkeys', { private_texts: 1, public_texts: 1 });
  return { priv: keys.find((k) => k.file === params.name)!.text, pub: keys.find((k) => k.file === `${params.name}.pub`)!.text };
}

function derivePublic(privateText: string, passphrase: string): { status: number | null; out: string } {
  const file = join(dir, `k${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, privateText);
  chmodSync(file, 0o600);
  const r = spawnSync('ssh-keygen', ['-y', '-P', passphrase, '-f', file], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, out: r.stdout.trim() };
}

const keyFields = (line: string) => line.split(' ').slice(0, 2).join(' ');

describeWithClient(
  'generatesshkeypair keys, read by ssh-keygen',
  { command: 'sh', args: ['-c', 'command -v ssh-keygen'], install: 'apt-get install openssh-client' },
  () => {
    it('an RSA key with a passphrase: ssh-keygen opens it only with the passphrase and derives the listed public key', async () => {
      const { priv, pub } = await pair('sshkg-rsa', { name: 'deploy', bits: 2048, passphrase: 'luggage12345', comment: 'ci@example' });
      expect(pub).toMatch(/^ssh-rsa \S+ ci@example$/);
      expect(priv).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED/);
      const opened = derivePublic(priv, 'luggage12345');
      expect(opened.status).toBe(0);
      expect(keyFields(opened.out)).toBe(keyFields(pub));
      expect(derivePublic(priv, 'wrong').status).not.toBe(0);
    });

    it('a DSA key (algorithm=dsa, 1024 bits) derives its listed ssh-dss public key', async () => {
      const { priv, pub } = await pair('sshkg-dsa', { name: 'id_dsa', algorithm: 'dsa' });
      expect(pub).toMatch(/^ssh-dss /);
      const opened = derivePublic(priv, '');
      expect(opened.status).toBe(0);
      expect(keyFields(opened.out)).toBe(keyFields(pub));
    });

    it('convertopensshtoputty with a passphrase: the PuTTY v2 file decrypts to the same RSA key and its MAC holds', async () => {
      const world = 'sshkg-ppk';
      const { pub } = await pair(world, { name: 'ppk', bits: 2048, passphrase: 'pw-ppk' });
      const whm = whmIn(server, world);
      const { key } = await whm.data<{ key: string }>('convertopensshtoputty', { file: 'ppk', passphrase: 'pw-ppk', keep_file: 0 });
      const lines = key.trim().split('\n');
      expect(lines.slice(0, 3)).toEqual(['PuTTY-User-Key-File-2: ssh-rsa', 'Encryption: aes256-cbc', 'Comment: imported-openssh-key']);
      const nPub = Number(lines[3]!.split(': ')[1]);
      const publicBlob = Buffer.from(lines.slice(4, 4 + nPub).join(''), 'base64');
      expect(publicBlob.toString('base64')).toBe(pub.split(' ')[1]);
      const nPriv = Number(lines[4 + nPub]!.split(': ')[1]);
      const encrypted = Buffer.from(lines.slice(5 + nPub, 5 + nPub + nPriv).join(''), 'base64');
      // PuTTY's key derivation: SHA-1(0,0,0,0 ‖ passphrase) ‖ SHA-1(0,0,0,1 ‖ passphrase), zero IV.
      const k = Buffer.concat(
        [0, 1].map((n) =>
          createHash('sha1')
            .update(Buffer.from([0, 0, 0, n]))
            .update('pw-ppk')
            .digest(),
        ),
      ).subarray(0, 32);
      const decipher = createDecipheriv('aes-256-cbc', k, Buffer.alloc(16)).setAutoPadding(false);
      const plain = Buffer.concat([decipher.update(encrypted), decipher.final()]);
      const ints = (b: Buffer, count: number) => {
        const out: bigint[] = [];
        for (let at = 0; out.length < count;) {
          const len = b.readUInt32BE(at);
          out.push(BigInt(`0x${b.subarray(at + 4, at + 4 + len).toString('hex') || '0'}`));
          at += 4 + len;
        }
        return out;
      };
      const n = ints(publicBlob.subarray(4 + 7), 2)[1]!;
      const [, p, q] = ints(plain, 4);
      expect(p! * q!).toBe(n);
      const str = (b: Buffer | string) => {
        const data = Buffer.from(b);
        return Buffer.concat([Buffer.from([0, 0, (data.length >> 8) & 255, data.length & 255]), data]);
      };
      const macKey = createHash('sha1').update('putty-private-key-file-mac-keypw-ppk').digest();
      const mac = createHmac('sha1', macKey)
        .update(Buffer.concat([str('ssh-rsa'), str('aes256-cbc'), str('imported-openssh-key'), str(publicBlob), str(plain)]))
        .digest('hex');
      expect(lines.at(-1)).toBe(`Private-MAC: ${mac}`);
      // keep_file=0: the OpenSSH private key is gone, the public one stays.
      const files = (await whm.data<{ keys: Key[] }>('listsshkeys')).keys.map((x) => x.file);
      expect(files).toEqual(['ppk.pub']);
    });
  },
);
