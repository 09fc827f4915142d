import { WebSocketServer, WebSocket } from 'ws';

/**
 * Raw-limit probe (b): a bare `ws` server in its own process. A client sending "go" makes it
 * send one 300-byte message to every other connected client, as a chat server fans out a post.
 */
const payload = JSON.stringify({ event: 'posted', data: { pad: 'x'.repeat(260) }, seq: 1 }).slice(0, 300);
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    if (data.toString() !== 'go') return;
    for (const client of wss.clients) {
      if (client !== socket && client.readyState === WebSocket.OPEN) client.send(payload);
    }
  });
});
wss.on('listening', () => {
  const address = wss.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
