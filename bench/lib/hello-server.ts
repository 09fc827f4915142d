import http from 'node:http';

// Raw-limit probe (a): the smallest possible node:http handler, in its own process like the server.
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 17 });
  res.end('{"status":"OK"}\n\n');
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
