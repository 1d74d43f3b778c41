// The bare loop the web push fan-out is compared with: the same number of pushes, one after the
// other over one keep-alive connection, to the same local push service. Encryption (RFC 8291) and
// the VAPID header (RFC 8292) come from npm's web-push (generateRequestDetails), not from our C#;
// only the POST itself is Node's http, because web-push sends over https only.
// Usage: PUSH_MODULES=<folder with node_modules> node push-loop.mjs <port> <count> <p256dh> <auth> <payload file>
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(process.env.PUSH_MODULES, 'package.json'));
const webpush = require('web-push');
const [port, count, p256dh, auth, payloadFile] = process.argv.slice(2);
const payload = fs.readFileSync(payloadFile);
const vapid = webpush.generateVAPIDKeys();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(details) {
  return new Promise((resolve, reject) => {
    const url = new URL(details.endpoint);
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: details.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error('push service answered ' + res.statusCode))));
    });
    req.on('error', reject);
    req.end(details.body);
  });
}

const start = process.hrtime.bigint();
for (let i = 0; i < Number(count); i++) {
  const details = webpush.generateRequestDetails(
    { endpoint: `http://127.0.0.1:${port}/loop/${i}`, keys: { p256dh, auth } },
    payload,
    { TTL: 345600, urgency: 'high', vapidDetails: { subject: 'mailto:bench@schoolplein.test', publicKey: vapid.publicKey, privateKey: vapid.privateKey } });
  await post(details);
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`push_loop_pushes=${count}`);
console.log(`push_loop_s=${seconds.toFixed(2)}`);
agent.destroy();
