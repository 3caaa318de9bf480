export declare const STOPS_SHARED_BROKER: string[];
export declare function runsOf(tier: string, rest: string[], cores?: number): [string, string, string[]][];
