export declare const SCHEMA_FILE: string;
/** The gateway's schema as sorted SDL (introspection), as committed in schema/supergraph.graphql. */
export declare function fetchSupergraphSdl(url: string, token?: string): Promise<string>;
export declare function compareSchemas(
  committed: string,
  current: string,
): { changed: boolean; diff: string; breaking: string[]; dangerous: string[] };
export declare function lineDiff(a: string, b: string): string;
