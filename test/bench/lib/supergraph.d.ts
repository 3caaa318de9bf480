import type { DocumentNode } from 'graphql';
export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}
export declare function asFederation2(sdl: string): DocumentNode;
export declare function fetchSubgraphSdl(subgraphs: { name: string; url: string }[]): Promise<SubgraphSdl[]>;
export declare function composeSupergraph(subgraphs: SubgraphSdl[]): { supergraphSdl: string; apiSdl: string };
export declare function withoutFederationDefinitions(sdl: string): string;
export declare function schemaDifference(
  expected: string,
  actual: string,
  max?: number,
): { missing: string[]; extra: string[]; same: boolean };
