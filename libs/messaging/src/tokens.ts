export const MESSAGING_LOGGER = Symbol('MESSAGING_LOGGER');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
