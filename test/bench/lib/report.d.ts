export declare const RESULTS_START: string;
export declare const RESULTS_END: string;
export interface Summary {
  n: number;
  mean?: number;
  p50?: number;
  p90?: number;
  p99?: number;
  max?: number;
}
export interface MachineInfo {
  cores: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
  platform: string;
  loadAverage: number[];
}
export declare function percentile(values: number[], p: number): number | undefined;
export declare function summarize(values: number[]): Summary;
export declare function ratio(a: number | undefined, b: number | undefined): number | undefined;
export declare function lagFloor(
  commit: Summary | undefined,
  kafka: Summary | undefined,
): { p50: number | undefined; p99: number | undefined };
export declare function machineInfo(sources?: { cpuinfo?: string; meminfo?: string }): MachineInfo;
export declare function processCpuMs(pid: number, stat?: string): number | undefined;
export interface CpuSnapshot {
  groups: Record<string, number>;
  busy: number;
  idle: number;
  at: number;
}
export declare function cpuSnapshot(options?: {
  named?: Record<string, number[]>;
  byCommand?: Record<string, (comm: string, cmdline: string) => boolean>;
  proc?: string;
}): CpuSnapshot;
export declare function cpuDelta(
  before: CpuSnapshot,
  after: CpuSnapshot,
  per: number,
): { groups: Record<string, number>; other: number; busy: number; utilisation: number | undefined; seconds: number };
export declare function metricValue(text: string, name: string, labels?: Record<string, string>): number | undefined;
export declare function renderResults(results: Record<string, any>): string;
export declare function replaceResults(document: string, section: string): string;
