/**
 * The loopback server of the client benchmark, run in its own process (forked) so that serving does not
 * share a thread with the clients being measured. It answers the tokens list and create with fixed JSON,
 * shaped as spec/linode-tokens.yaml's examples, and tells its port to the parent over IPC.
 */
import { createServer } from 'node:http';

const token = {
  id: 123,
  label: 'linode-cli',
  scopes: '*',
  created: '2018-01-01T00:01:01',
  expiry: '2018-01-01T13:46:32',
  token: 'abcdefghijklmnop',
};
const listBody = JSON.stringify({ data: [token], page: 1, pages: 1, results: 1 });
const createBody = JSON.stringify(token);

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const ok = url.pathname === '/v4/profile/tokens' && req.headers.authorization === 'Bearer bench-token';
    if (ok && req.method === 'GET') return send(res, 200, listBody);
    if (ok && req.method === 'POST') {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      return send(res, 200, createBody);
    }
    send(res, 404, JSON.stringify({ errors: [{ reason: 'Not found' }] }));
  });
});
server.keepAliveTimeout = 60_000;

function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
