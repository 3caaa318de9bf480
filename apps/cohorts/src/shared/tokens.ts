/** Injection tokens of the cohorts context. */
export const COHORTS_CONFIG = Symbol('COHORTS_CONFIG');
export const COHORTS_LOGGER = Symbol('COHORTS_LOGGER');
