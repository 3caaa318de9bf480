import type { ChildProcess } from 'node:child_process';

export declare const SERVICES: string[];
export declare const APPS: string[];
export declare const OPS_PORT_OFFSET: number;
export declare const REPLICA_PORT_STRIDE: number;
export type AppName = 'gateway' | 'cohorts' | 'mentors' | 'scoping' | 'evaluations';
/** The public ports of one replica of each app, and of its gateway's notifications subgraph. */
export declare function appPorts(basePort?: number, replica?: number): Record<AppName | 'notifications', number>;
/** `cohorts` for the first replica, `cohorts-2` for the second, … */
export declare function instanceName(app: string, replica?: number): string;
export interface AppInstance {
  name: string;
  app: AppName;
  replica: number;
  port: number;
  opsPort: number;
  notificationsPort: number;
}
export interface RunningSystem {
  /** The first replica's ports. */
  ports: Record<AppName, number>;
  /** Each app's ops listener (OPS_PORT): /metrics and health; /metrics is served nowhere else. */
  opsPorts: Record<AppName, number>;
  /** Ports served inside another app's process: the gateway's notifications subgraph. */
  internalPorts: { notifications: number };
  /** Every app instance started (one per app and replica). */
  instances: AppInstance[];
  children: ChildProcess[];
  logDir: string;
  /** The first gateway's GraphQL endpoint. */
  url: string;
  stop(): Promise<void>;
  /** Stops one instance (`mentors`, `mentors-2`, …) with the signal and waits for it to exit. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped instance again with the same settings and waits until it is ready. */
  restart(name: string): Promise<ChildProcess>;
}
export declare function startSystem(options: {
  env: Record<string, string>;
  basePort?: number;
  databasePrefix?: string;
  logDir?: string;
  groupSuffix?: string;
  log?: (m: string) => void;
  /** Instances of every app (default 1): same database and consumer group, ports per appPorts. */
  replicas?: number;
  /** Where the gateways find each service (default: the first replica's port). */
  subgraphUrls?: Partial<Record<string, string>>;
}): Promise<RunningSystem>;
export declare function stopSystem(children: ChildProcess[]): Promise<void>;
export declare function lastLines(file: string, count?: number): string;
