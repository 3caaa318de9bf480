import type { ChildProcess } from 'node:child_process';

export declare const SERVICES: string[];
export declare const OPS_PORT_OFFSET: number;
export interface RunningSystem {
  ports: Record<'gateway' | 'cohorts' | 'mentors' | 'scoping' | 'evaluations', number>;
  /** Each app's ops listener (OPS_PORT): /metrics and health; /metrics is served nowhere else. */
  opsPorts: Record<'gateway' | 'cohorts' | 'mentors' | 'scoping' | 'evaluations', number>;
  /** Ports served inside another app's process: the gateway's notifications subgraph. */
  internalPorts: { notifications: number };
  children: ChildProcess[];
  logDir: string;
  url: string;
  stop(): Promise<void>;
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  restart(name: string): Promise<ChildProcess>;
}
export declare function startSystem(options: {
  env: Record<string, string>;
  basePort?: number;
  databasePrefix?: string;
  logDir?: string;
  groupSuffix?: string;
  log?: (m: string) => void;
}): Promise<RunningSystem>;
export declare function stopSystem(children: ChildProcess[]): Promise<void>;
