// A real Redis for the tests: Debian's `redis-server` on a free port, nothing written to disk.
import { type ChildProcess, spawn } from 'node:child_process'
import { freePort } from '../../../scripts/lib/free-port.mjs'

export interface RunningRedis {
  url: string
  /** Kills the server (as a crash would). */
  stop(): Promise<void>
  /** Starts it again on the same port, empty. */
  start(): Promise<void>
}

export async function startRedisServer(): Promise<RunningRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined

  async function start(): Promise<void> {
    const process = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    child = process
    await new Promise<void>((resolve, reject) => {
      let out = ''
      process.stdout?.setEncoding('utf8')
      process.stdout?.on('data', (data: string) => {
        out += data
        if (out.includes('Ready to accept connections')) resolve()
      })
      process.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)))
    })
  }

  async function stop(): Promise<void> {
    const process = child
    child = undefined
    if (!process || process.exitCode !== null) return
    const exited = new Promise((resolve) => process.once('exit', resolve))
    process.kill('SIGKILL')
    await exited
  }

  await start()
  return { url: `redis://127.0.0.1:${port}`, stop, start }
}
