// A real Redis for the tests: Debian's `redis-server` on a free port, nothing written to disk.
import { type ChildProcess, spawn } from 'node:child_process'
import { freePort } from '../../../scripts/lib/free-port.mjs'

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

/** Starts `redis-server` with `args` and waits until it accepts connections. */
export async function spawnRedis(args: readonly string[]): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  await new Promise<void>((resolve, reject) => {
    let out = ''
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (data: string) => {
      out += data
      if (out.includes('Ready to accept connections')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)))
  })
  return child
}

/** Kills a server started by `spawnRedis` (resuming it first if it was paused). */
export async function killRedis(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGCONT')
  child.kill('SIGKILL')
  await exited
}

export async function startRedisServer(): Promise<RunningRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined

  async function start(): Promise<void> {
    child = await spawnRedis(['--port', String(port)])
  }

  async function stop(): Promise<void> {
    const running = child
    child = undefined
    await killRedis(running)
  }

  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
  }
}
