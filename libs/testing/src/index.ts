export * from './databases.js';
export * from './kafka-probe.js';
export * from './logger.js';
export * from './tokens.js';
export * from './consumer-groups.js';
export * from './eventually.js';
export * from './expect-labelled.js';
export * from './command-fakes.js';
