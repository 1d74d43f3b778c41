// An independent web push service for the tests: it plays the browser's push service and the
// device. It makes the device's keys (P-256 ECDH pair and auth secret), receives our POST,
// checks the VAPID header with Node's own crypto (RFC 8292: "vapid t=<JWT>, k=<key>", ES256
// signed with k, aud = origin of the endpoint, exp within 24 h, sub mailto:/https:), and
// decrypts the aes128gcm body (RFC 8291) with npm's http_ece. Nothing here comes from our C#.
// Paths /gone/... answer 410 Gone; /down/... answer 503. Each request is one JSON line on stdout
// (with the instant it arrived: bench.sh counts and times the web push fan-out from these lines).
import http from 'node:http';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(process.env.HTTP_ECE_MODULE);
const ece = require('http_ece');

const device = crypto.createECDH('prime256v1');
device.generateKeys();
const authSecret = crypto.randomBytes(16);

function verifyVapid(header, origin) {
  const match = /^vapid\s+t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header || '');
  if (!match) {
    return { ok: false, why: 'no vapid authorization header: ' + header };
  }
  const [, token, k] = match;
  const [h, p, s] = token.split('.');
  const head = JSON.parse(Buffer.from(h, 'base64url').toString());
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  const raw = Buffer.from(k, 'base64url');
  if (head.alg !== 'ES256' || raw.length !== 65 || raw[0] !== 4) {
    return { ok: false, why: 'bad alg or key' };
  }
  const key = crypto.createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const signed = crypto.verify('sha256', Buffer.from(h + '.' + p), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
  const now = Math.floor(Date.now() / 1000);
  const problems = [];
  if (!signed) problems.push('signature');
  if (claims.aud !== origin) problems.push('aud ' + claims.aud + ' != ' + origin);
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) problems.push('exp ' + claims.exp);
  if (!/^(mailto:|https:)/.test(claims.sub || '')) problems.push('sub ' + claims.sub);
  return { ok: problems.length === 0, why: problems.join('; '), k, aud: claims.aud, exp: claims.exp, sub: claims.sub };
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const origin = 'http://' + req.headers.host;
    const line = {
      path: req.url,
      ttl: req.headers.ttl ?? null,
      urgency: req.headers.urgency ?? null,
      encoding: req.headers['content-encoding'] ?? null,
      size: body.length,
      at: new Date().toISOString(),
    };
    try {
      const vapid = verifyVapid(req.headers.authorization, origin);
      Object.assign(line, { vapidOk: vapid.ok, vapidProblem: vapid.why, vapidKey: vapid.k, aud: vapid.aud, exp: vapid.exp, sub: vapid.sub });
      line.payload = ece.decrypt(body, { version: 'aes128gcm', privateKey: device, authSecret }).toString('utf8');
    } catch (e) {
      line.error = String(e && e.message || e);
    }
    let status = 201;
    if (req.url.startsWith('/gone/')) status = 410;
    else if (req.url.startsWith('/down/')) status = 503;
    line.status = status;
    process.stdout.write(JSON.stringify(line) + '\n');
    res.writeHead(status);
    res.end();
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({
    ready: true,
    port: server.address().port,
    p256dh: device.getPublicKey().toString('base64url'),
    auth: authSecret.toString('base64url'),
  }) + '\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
