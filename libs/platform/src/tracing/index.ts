export * from './graphql-operation.js';
export * from './http-client.js';
export * from './http-server.js';
export * from './trace-context.js';
export * from './tracing.js';
