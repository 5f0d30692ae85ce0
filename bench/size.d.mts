export declare const BUDGET_BYTES: number
export declare const gzBytes: (names?: ReadonlyArray<string>) => Promise<number>
