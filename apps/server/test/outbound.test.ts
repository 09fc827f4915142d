import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createOutboundClient,
  OutboundError,
  type OutboundFailure,
} from '../src/platform/outbound/client.ts';
import { addressAllowed, parseAllowList } from '../src/platform/outbound/address.ts';

/**
 * The outbound client against a loopback canary: while loopback is not allow-listed the canary
 * must never see a connection, whatever spelling of its address is used, and even when an
 * allow-listed host redirects there.
 */

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) =>
    server.listen({ host, port: 0, ipv6Only: false }, () => resolve((server.address() as AddressInfo).port)),
  );
}

const clientWith = (allowed: string, timeoutSeconds = 5) =>
  createOutboundClient(() => ({ allowedUntrustedInternalConnections: allowed, timeoutSeconds }));

async function refusal(promise: Promise<unknown>): Promise<OutboundFailure> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof OutboundError, `expected an OutboundError, got ${String(err)}`);
    return err.reason;
  }
  throw new Error('expected the request to be refused');
}

describe('outbound client', () => {
  let canary: Server;
  let canaryPort: number;
  let connections = 0;
  let redirector: Server;
  let redirectorPort: number;
  let dualStack = true;

  before(async () => {
    canary = createServer((req, res) => {
      if (req.url === '/big') {
        res.end(Buffer.alloc(4096, 'x'));
        return;
      }
      if (req.url === '/slow') return; // never answers
      if (req.url?.startsWith('/loop')) {
        res.writeHead(302, { Location: `/loop${Number(req.url.slice(5) || 0) + 1}` }).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`hello ${req.method}`);
    });
    canary.on('connection', () => {
      connections += 1;
    });
    // Dual stack, so 127.0.0.1, ::1 and 0.0.0.0 all reach the canary if anything leaks.
    try {
      canaryPort = await listen(canary, '::');
    } catch {
      dualStack = false;
      canaryPort = await listen(canary, '127.0.0.1');
    }
    // An "allowed" host (127.0.0.2 is loopback too on Linux) that redirects to the canary.
    redirector = createServer((req, res) => {
      res.writeHead(302, { Location: `http://127.0.0.1:${canaryPort}/` }).end();
    });
    redirectorPort = await listen(redirector, '127.0.0.2');
  });
  after(() => {
    canary.close();
    redirector.close();
  });

  test('every spelling of a loopback or unspecified address is refused before connecting', async () => {
    const client = clientWith('');
    const urls = [
      `http://127.0.0.1:${canaryPort}/`,
      `http://localhost:${canaryPort}/`,
      `http://[::1]:${canaryPort}/`,
      `http://0.0.0.0:${canaryPort}/`,
      `http://127.1:${canaryPort}/`,
      `http://2130706433:${canaryPort}/`,
      `http://0x7f000001:${canaryPort}/`,
      `http://0177.0.0.1:${canaryPort}/`,
      `http://[::ffff:127.0.0.1]:${canaryPort}/`,
      `http://[::]:${canaryPort}/`,
      `http://LOCALHOST:${canaryPort}/`,
    ];
    for (const url of urls) {
      assert.equal(await refusal(client.request({ url })), 'forbidden_address', url);
    }
    assert.equal(connections, 0, 'the canary saw no connection');
  });

  test('a redirect from an allowed host to a forbidden address is not followed', async () => {
    const client = clientWith('127.0.0.2');
    const reason = await refusal(client.request({ url: `http://127.0.0.2:${redirectorPort}/` }));
    assert.equal(reason, 'forbidden_address');
    assert.equal(connections, 0, 'the canary saw no connection');
  });

  test('an allow-listed address is reached, by IP or by CIDR', async () => {
    const before = connections;
    const byIp = await clientWith('127.0.0.1').request({
      url: `http://127.0.0.1:${canaryPort}/`,
      method: 'POST',
      body: 'x',
    });
    assert.equal(byIp.status, 200);
    assert.equal(byIp.body.toString(), 'hello POST');
    const byCidr = await clientWith('10.0.0.0/8 127.0.0.0/8').request({
      url: `http://2130706433:${canaryPort}/`,
    });
    assert.equal(byCidr.body.toString(), 'hello GET');
    assert.ok(connections > before);
    if (dualStack) {
      const v6 = await clientWith('::1').request({ url: `http://[::1]:${canaryPort}/` });
      assert.equal(v6.status, 200);
    }
  });

  test('answers are bounded in size and time, redirects in number', async () => {
    const client = clientWith('127.0.0.1', 1);
    const base = `http://127.0.0.1:${canaryPort}`;
    assert.equal(await refusal(client.request({ url: `${base}/big`, maxBytes: 1000 })), 'too_large');
    assert.equal((await client.request({ url: `${base}/big` })).body.length, 4096);
    assert.equal(await refusal(client.request({ url: `${base}/slow` })), 'timeout');
    assert.equal(await refusal(client.request({ url: `${base}/loop0` })), 'too_many_redirects');
    assert.equal(await refusal(client.request({ url: 'ftp://example.com/' })), 'bad_url');
    assert.equal(await refusal(client.request({ url: 'not a url' })), 'bad_url');
  });

  test('address rules: private, link-local, unique-local, multicast and mapped forms are internal', () => {
    const none = parseAllowList('');
    for (const a of [
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '255.255.255.255',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '64:ff9b::7f00:1',
    ])
      assert.equal(addressAllowed(none, a), false, a);
    for (const a of ['93.184.216.34', '2606:4700::1111', '::ffff:93.184.216.34'])
      assert.equal(addressAllowed(none, a), true, a);
    const list = parseAllowList('192.168.0.0/16 fd00::/8 ::ffff:10.0.0.0/104 webhooks.internal');
    assert.equal(addressAllowed(list, '192.168.5.5'), true);
    assert.equal(addressAllowed(list, '::ffff:192.168.5.5'), true);
    assert.equal(addressAllowed(list, 'fd00::5'), true);
    assert.equal(addressAllowed(list, '10.2.3.4'), true);
    assert.equal(addressAllowed(list, '172.16.0.1'), false);
  });
});
