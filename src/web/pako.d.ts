// The slice of pako 1.0 (a dependency of jszip, bundled into the offline page) that zlib-shim.ts uses.
declare module 'pako' {
  export class Inflate {
    constructor(options: { raw?: boolean; chunkSize?: number });
    onData: (chunk: Uint8Array) => void;
    push(data: Uint8Array, end: boolean): boolean;
    readonly err: number;
    readonly msg: string;
    readonly ended: boolean;
  }
}
