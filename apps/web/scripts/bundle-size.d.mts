export declare const BUDGET_BYTES: number;
export declare const MEMBERS_ROUTE_MODULES: string[];
export declare function measureMembersPage(distDir?: string): {
  files: { file: string; bytes: number; gzip: number }[];
  gzip: number;
  bytes: number;
};
export declare function reportMembersPage(distDir?: string, log?: (line: string) => void): boolean;
