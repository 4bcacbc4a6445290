// Real Redis processes for the tests and the benchmarks: Debian's `redis-server` on free ports,
// nothing written to disk but a cluster's own node files (in a temporary folder, removed at the
// end), and a three-master Redis Cluster joined by `redis-cli --cluster create`.
import { execFile, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './free-port.mjs'

const run = promisify(execFile)

/** Starts `redis-server` with `args` and waits until it accepts connections. */
export async function spawnRedis(args) {
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (data) => {
      out += data
      if (out.includes('Ready to accept connections')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)))
  })
  return child
}

/** Kills a server started by `spawnRedis`, resuming it first if it was paused (SIGSTOP). */
export async function killRedis(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGCONT')
  child.kill('SIGKILL')
  await exited
}

/** One Redis on a free port. */
export async function startRedisServer() {
  const port = await freePort()
  let child
  const start = async () => {
    child = await spawnRedis(['--port', String(port)])
  }
  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    async stop() {
      const running = child
      child = undefined
      await killRedis(running)
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
  }
}

async function clusterState(port) {
  const { stdout } = await run('redis-cli', ['-p', String(port), 'cluster', 'info'])
  return /cluster_state:(\w+)/.exec(stdout)?.[1] ?? ''
}

/** A Redis Cluster of `masters` masters, no replicas, every node on free client and bus ports. */
export async function startRedisCluster(masters = 3) {
  const dir = await mkdtemp(join(tmpdir(), 'kyc-redis-cluster-'))
  const ports = []
  const children = []
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
    keysPerNode: () =>
      Promise.all(
        ports.map(async (port) =>
          Number((await run('redis-cli', ['-p', String(port), 'dbsize'])).stdout.trim()),
        ),
      ),
    pause: (index) => void children[index]?.kill('SIGSTOP'),
    resume: (index) => void children[index]?.kill('SIGCONT'),
    async stop() {
      await Promise.all(children.map(killRedis))
      await rm(dir, { recursive: true, force: true })
    },
  }
}
