export * from './authorization.js';
export * from './roles.js';
export * from './sign-token.js';
export * from './token-verifier.js';
export * from './relationships.js';
