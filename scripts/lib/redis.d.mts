// Types of scripts/lib/redis.mjs, for the TypeScript test helpers that use it.
import type { ChildProcess } from 'node:child_process'

export interface RunningRedis {
  url: string
  port: number
  /** Kills the server (as a crash would). */
  stop(): Promise<void>
  /** Starts it again on the same port, empty. */
  start(): Promise<void>
  /** Stops the process without closing its sockets (SIGSTOP): a hung server. */
  pause(): void
  /** Lets a paused server run again (SIGCONT). */
  resume(): void
}

export interface RunningCluster {
  /** `redis://127.0.0.1:PORT` of each master. */
  urls: string[]
  ports: number[]
  /** Keys held by each master (`DBSIZE`). */
  keysPerNode(): Promise<number[]>
  /** SIGSTOP / SIGCONT one master. */
  pause(index: number): void
  resume(index: number): void
  stop(): Promise<void>
}

export declare function spawnRedis(args: readonly string[]): Promise<ChildProcess>
export declare function killRedis(child: ChildProcess | undefined): Promise<void>
export declare function startRedisServer(): Promise<RunningRedis>
export declare function startRedisCluster(masters?: number): Promise<RunningCluster>
