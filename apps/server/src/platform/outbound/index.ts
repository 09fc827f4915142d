import type { App } from '../../app.ts';
import { createOutboundClient, type OutboundClient } from './client.ts';

export * from './client.ts';

const clients = new WeakMap<App, OutboundClient>();

/** The running server's outbound client; settings are read per request, so config changes apply at once. */
export function outbound(app: App): OutboundClient {
  let client = clients.get(app);
  if (!client) {
    client = createOutboundClient(() => {
      const s = app.config.get().ServiceSettings;
      return {
        allowedUntrustedInternalConnections: s.AllowedUntrustedInternalConnections,
        timeoutSeconds: s.OutgoingIntegrationRequestsTimeout,
      };
    });
    clients.set(app, client);
  }
  return client;
}
