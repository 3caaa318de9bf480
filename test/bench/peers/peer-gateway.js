#!/usr/bin/env node
// A peer gateway for `npm run bench` (dev-only, never deployed): the same subgraphs, composed into
// the same supergraph (SUPERGRAPH_FILE, written by the bench from the subgraphs' own SDL), served
// by another federation gateway on PORT, so that ours is measured beside what a user would pick
// instead, in the same run, with the same query.
//
//   PEER=hive    Hive Gateway (@graphql-hive/gateway-runtime, createGatewayRuntime), on node:http
//   PEER=apollo  Apollo Gateway (@apollo/gateway, supergraphSdl) in @apollo/server's standalone server
//
// Like ours (apps/gateway/src/http-hooks.ts forwardedHeaders), each forwards the caller's
// Authorization header (the subgraphs verify the JWT themselves) and x-correlation-id to every
// subgraph call, and nothing else. Unlike ours it checks no token itself, applies no query
// limits and keeps no logs: the peers run as their libraries do out of the box.
// It prints one JSON line {"ready":true,"port":N} once it listens.
import fs from 'node:fs';
import http from 'node:http';
import process from 'node:process';

const PEERS = ['hive', 'apollo'];
const peer = process.env.PEER;
const port = Number(process.env.PORT);
const supergraphFile = process.env.SUPERGRAPH_FILE;
if (!PEERS.includes(peer)) throw new Error(`PEER must be one of ${PEERS.join(', ')} (got "${peer ?? ''}")`);
if (!Number.isInteger(port) || port < 1 || port > 65535)
  throw new Error(`PORT must be a port number (got "${process.env.PORT ?? ''}")`);
if (!supergraphFile || !fs.existsSync(supergraphFile)) {
  throw new Error(`SUPERGRAPH_FILE must name the composed supergraph (got "${supergraphFile ?? ''}")`);
}
const supergraphSdl = fs.readFileSync(supergraphFile, 'utf8');
const FORWARDED = ['authorization', 'x-correlation-id'];

/**
 * Hive Gateway's HTTP transport to the subgraphs. Its own package (@graphql-mesh/transport-http,
 * which the runtime imports on first use) is not among our dev dependencies; this is the same
 * thing: @graphql-tools/executor-http (a dependency of the runtime) on the runtime's fetch, so the
 * runtime's plugins (propagateHeaders among them) still apply to every subgraph call.
 */
async function hiveHttpTransport() {
  const { buildHTTPExecutor } = await import('@graphql-tools/executor-http');
  return {
    getSubgraphExecutor: ({ transportEntry, fetch, getDisposeReason }) =>
      buildHTTPExecutor({
        endpoint: transportEntry.location,
        headers: Object.fromEntries(transportEntry.headers ?? []),
        fetch,
        getDisposeReason,
        ...transportEntry.options,
      }),
  };
}

async function startHive() {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway-runtime');
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    transports: { http: await hiveHttpTransport() },
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: process.env.PEER_LOGGING ?? false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) =>
        Object.fromEntries(FORWARDED.map((h) => [h, request.headers.get(h)]).filter(([, v]) => v)),
    },
  });
  const server = http.createServer(gateway);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    await gateway.dispose();
  };
}

async function startApollo() {
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest: ({ request, context }) => {
          for (const h of FORWARDED) if (context.headers?.[h]) request.http.headers.set(h, context.headers[h]);
        },
      }),
  });
  const server = new ApolloServer({ gateway, introspection: false });
  await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async ({ req }) => ({
      headers: Object.fromEntries(FORWARDED.map((h) => [h, req.headers[h]]).filter(([, v]) => typeof v === 'string')),
    }),
  });
  return () => server.stop();
}

const stop = await (peer === 'hive' ? startHive() : startApollo());
console.log(JSON.stringify({ ready: true, peer, port }));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    void stop().finally(() => process.exit(0));
  });
}
