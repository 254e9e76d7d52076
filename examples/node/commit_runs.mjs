#!/usr/bin/env node
// Commit a succeeded and a failed run through `artifacts commit --spec -`, list them, read one back.
// No npm packages. Usage: ARTIFACTS=/path/to/artifacts node commit_runs.mjs ROOT
// (ARTIFACTS may hold several words, e.g. "dotnet /path/artifacts.dll"; default: "artifacts" on PATH.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const [cmd, ...pre] = (process.env.ARTIFACTS ?? 'artifacts').split(' ').filter(Boolean);
const artifacts = (args, spec) => execFileSync(cmd, [...pre, ...args], {
  input: spec === undefined ? undefined : JSON.stringify(spec), encoding: 'utf8', timeout: 120_000,
});
const lines = (text) => text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

const root = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'artifacts-'));
const work = mkdtempSync(join(tmpdir(), 'work-'));
const output = join(work, 'answer.json');
writeFileSync(output, JSON.stringify({ caption: 'a lighthouse, in JSON' }));
const trace = {
  task_id: 'task-7',
  submit_payload: { json: { model: 'demo', prompt: 'a lighthouse', authorization: 'Bearer abc.def.ghi' } },
  submit_response: { json: { task_id: 'task-7', state: 'queued' } },
  status_responses: [{ json: { state: 'running' } }, { json: { state: 'done' } }],
  metadata: { region: 'us-east-1' },
};
const ok = JSON.parse(artifacts(['commit', '--root', root, '--spec', '-', '--json'], {
  model_key: 'demo_model', slug: 'node ok', prompts: { raw: 'a lighthouse' }, outputs: [{ path: output, kind: 'text' }],
  provider_trace: trace, tags: ['example', 'node'], source_context: { source_type: 'script', project_name: 'examples' },
  options: { steps: 4 }, notes: 'from examples/node',
}));
const bad = JSON.parse(artifacts(['commit', '--root', root, '--spec', '-', '--json'], {
  model_key: 'demo_model', slug: 'node rate limited', prompts: { raw: 'a lighthouse' }, provider_trace: { task_id: 'task-8' },
  tags: ['example', 'node'], status: 'failed',
  errors: [{ message: 'HTTP 429: slow down', http_status: 429, code: 'RATE', stage: 'submit' }],
}));
assert.equal(ok.status, 'succeeded');
assert.equal(bad.status, 'failed');

const runs = lines(artifacts(['ls', '--root', root, '--json']));
assert.ok(runs.some((r) => r.run_id === ok.run_id) && runs.some((r) => r.run_id === bad.run_id));
const run = JSON.parse(artifacts(['show', bad.run_id, '--root', root, '--json']));
assert.equal(run.errors[0].kind, 'rate_limited');
assert.equal(run.errors[0].http_status, 429);
const good = JSON.parse(artifacts(['show', ok.run_id, '--root', root, '--json']));
const payload = readFileSync(join(root, good.run_path, good.provider_trace.submit_payload_path), 'utf8');
assert.ok(!payload.includes('abc.def.ghi'), 'the bearer token must be redacted');
console.log(JSON.stringify({ succeeded: ok.run_id, failed: bad.run_id, listed: runs.length }));
