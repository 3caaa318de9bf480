import { loadConfig } from '#platform';
import { testSettings } from '#testing';
import { gatewayConfigSchema, type GatewayConfig } from '../config.js';

/**
 * The gateway's configuration in a test: the test settings (`testSettings`), no schema polling,
 * these settings over them, and an ephemeral port.
 */
export function testGatewayConfig(env: Record<string, string> = {}): GatewayConfig {
  return { ...loadConfig(gatewayConfigSchema, testSettings({ SCHEMA_POLL_INTERVAL_MS: '0', ...env })), PORT: 0 };
}
