export declare const REPO: string;
export declare function ensureInfra(options?: { log?: (m: string) => void }): Promise<{ KAFKA_BROKERS: string; DATABASE_URL: string }>;
export declare function dropDatabase(serverUrl: string, name: string): Promise<void>;
