// Child servers of the consumer checks (scripts/check-consumers.mjs, scripts/smoke-next.mjs): start one and wait
// for its ready line; the sandbox from a tarball's bin with a tenant of its own and a run that stays `running`.
import { spawn } from 'node:child_process';

/** Every child started here; `stopAll()` ends them (each by its own handle). */
const children = [];
export const stopAll = () => children.forEach((c) => c.kill());

/** Starts a server; resolves with the first match of `ready` in its output (60 s at most). */
export function startServer(command, args, { cwd, env = process.env, ready }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args[0]} did not start:\n${output}`)), 60000);
    const onData = (chunk) => {
      output += chunk;
      const m = ready.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${command} ${args[0]} exited (${code}):\n${output}`)));
  });
}

/** @returns {{ tenant: string, runId: string }} the tenant's root URL and a seeded run that stays `running` */
export async function startSandbox(bin, tenantName, cwd) {
  const origin = await startServer(process.execPath, [bin, '--port', '0'], { cwd, ready: /http:\/\/[\d.]+:\d+/ });
  const tenant = `${origin}/__sandbox/${tenantName}`;
  const answer = await fetch(`${tenant}/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reset: true }),
  });
  const control = await answer.json();
  return { tenant, runId: control.seed.runs.running[0] };
}
