export * from './aggregate-root.js';
export * from './domain-error.js';
export * from './local-date.js';
export * from './clock.js';
export * from './inputs.js';
export * from './personal-text.js';
