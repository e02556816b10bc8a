import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { FLOW_GENERATION_EXAMPLE } from './examples.ts';
import { call, error422 } from './helpers.ts';

const CLI = fileURLToPath(new URL('../../../sandbox/cli.mjs', import.meta.url));

function run(args: string[]): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return Object.assign(child, { output: () => out });
}

async function urlOf(child: ReturnType<typeof run>): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const m = /listening on (http:\/\/\S+)/.exec(child.output());
    if (m) return m[1] as string;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no URL printed: ${child.output()}`);
}

describe('recrubo-sandbox CLI', () => {
  it('starts on port 0, prints its URL and key, serves the API, and exits 0 on SIGTERM', async () => {
    const child = run(['--port', '0', '--speed', '1000']);
    try {
      const url = await urlOf(child);
      assert.match(child.output(), /sandbox-key/);
      const ok = await call(url, '/public/v2/flow-generations', { method: 'POST', body: FLOW_GENERATION_EXAMPLE });
      assert.equal(ok.status, 201);
      const body = structuredClone(FLOW_GENERATION_EXAMPLE) as any;
      delete body.data.attributes.parameters.knockoutRequirements;
      const bad = await call(url, '/public/v2/flow-generations', { method: 'POST', body });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body, { errors: [error422("Parameter knockoutRequirements can't be blank")] });
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  for (const args of [['--bogus'], ['--speed', 'fast'], ['--error-rate', '2'], ['--port', '-1']]) {
    it(`rejects ${args.join(' ')} with one line and exit code 2`, async () => {
      const child = run(args);
      const [code] = await once(child, 'exit');
      assert.equal(code, 2);
      const lines = child.output().trim().split('\n');
      assert.equal(lines.length, 1);
      assert.match(lines[0] as string, /^recrubo-sandbox: /);
    });
  }

  it('--help prints the flags and exits 0', async () => {
    const child = run(['--help']);
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.match(child.output(), /--rate-limit-rate/);
  });
});
