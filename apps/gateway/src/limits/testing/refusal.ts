import { expect } from '@jest/globals';
import { GatewayRequestError } from '../../http/graphql-http.js';

/** The GatewayRequestError `run` throws (the spec fails when it throws nothing, or something else). */
export function refusal(run: () => void): GatewayRequestError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayRequestError);
    return err as GatewayRequestError;
  }
  throw new Error('expected a refusal');
}
