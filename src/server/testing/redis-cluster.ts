// A real Redis Cluster for the tests: three `redis-server --cluster-enabled yes` masters on free
// ports (client and bus), joined by `redis-cli --cluster create`, nothing written but the
// cluster's own node files, in a temporary folder removed at the end.
import { type ChildProcess, execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from '../../../scripts/lib/free-port.mjs'
import { killRedis, spawnRedis } from './redis-server.ts'

const run = promisify(execFile)

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

async function clusterState(port: number): Promise<string> {
  const { stdout } = await run('redis-cli', ['-p', String(port), 'cluster', 'info'])
  return /cluster_state:(\w+)/.exec(stdout)?.[1] ?? ''
}

export async function startRedisCluster(masters = 3): Promise<RunningCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'kyc-redis-cluster-'))
  const ports: number[] = []
  const children: ChildProcess[] = []
  try {
    for (let index = 0; index < masters; index += 1) {
      const port = await freePort()
      const bus = await freePort()
      ports.push(port)
      children.push(
        await spawnRedis([
          '--port',
          String(port),
          '--cluster-enabled',
          'yes',
          '--cluster-port',
          String(bus),
          '--cluster-config-file',
          join(dir, `nodes-${port}.conf`),
          '--cluster-node-timeout',
          '3000',
          '--dir',
          dir,
        ]),
      )
    }
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ])
    const deadline = Date.now() + 20_000
    while ((await Promise.all(ports.map(clusterState))).some((state) => state !== 'ok')) {
      if (Date.now() > deadline) throw new Error('the Redis cluster did not come up')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  } catch (error) {
    await Promise.all(children.map(killRedis))
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  return {
    urls: ports.map((port) => `redis://127.0.0.1:${port}`),
    ports,
    async keysPerNode() {
      return Promise.all(
        ports.map(async (port) =>
          Number((await run('redis-cli', ['-p', String(port), 'dbsize'])).stdout.trim()),
        ),
      )
    },
    pause: (index) => void children[index]?.kill('SIGSTOP'),
    resume: (index) => void children[index]?.kill('SIGCONT'),
    async stop() {
      await Promise.all(children.map(killRedis))
      await rm(dir, { recursive: true, force: true })
    },
  }
}
