export declare const DEFAULT_CHROMIUM_PATH: string;
export declare function chromiumPath(env?: NodeJS.ProcessEnv): string;
export declare function missingChromiumMessage(path: string, why: string): string;
export declare function ensureChromium(deps?: {
  env?: NodeJS.ProcessEnv;
  exists?: (path: string) => boolean;
  isRoot?: () => boolean;
  run?: (cmd: string, args: string[]) => number | null;
  log?: (line: string) => void;
  updateAttempts?: number;
}): { ok: true; path: string; installed: boolean } | { ok: false; message: string };
