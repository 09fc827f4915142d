import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts `node <script>` (Node 24 of this repo) and resolves with the first line it prints, or at
 * once with `waitForLine: false` (the caller then polls the child, e.g. the server's ping).
 */
export function spawnNode(
  script: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  cwd?: string,
  waitForLine = true,
): Promise<{ child: ChildProcess; firstLine: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    if (!waitForLine) {
      child.stdout?.resume();
      child.stderr?.resume();
      child.on('exit', (code) => code && console.error(`${script} exited with ${code}`));
      resolve({ child, firstLine: '' });
      return;
    }
    let out = '';
    let err = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve({ child, firstLine: out.slice(0, nl).trim() });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}: ${err}`)));
    child.on('error', reject);
  });
}

/** Stops a child we started and waits for it to exit. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
