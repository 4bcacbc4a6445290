// Types of scripts/lib/free-port.mjs, for the TypeScript test helpers that use it.

/** A TCP port on 127.0.0.1 that nothing listens on right now (for a server started next). */
export declare function freePort(): Promise<number>
