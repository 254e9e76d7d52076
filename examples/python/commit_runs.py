#!/usr/bin/env python3
"""Commit a succeeded and a failed run through `artifacts commit --spec -`, list them, read one back.

Standard library only. Usage: ARTIFACTS=/path/to/artifacts python3 commit_runs.py ROOT
(ARTIFACTS may hold several words, e.g. "dotnet /path/artifacts.dll"; default: "artifacts" on PATH.)
"""
import json, os, shlex, subprocess, sys, tempfile

TOOL = shlex.split(os.environ.get("ARTIFACTS", "artifacts"))


def artifacts(*args, spec=None):
    """Runs the tool; returns stdout. Exit code 2 = bad input (every problem on stderr), nothing published."""
    done = subprocess.run(TOOL + list(args), input=None if spec is None else json.dumps(spec),
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"artifacts {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done.stdout


def main(root):
    work = tempfile.mkdtemp()
    output = os.path.join(work, "answer.txt")
    with open(output, "w", encoding="utf-8") as f:
        f.write("a lighthouse, in words\n")
    trace = {
        "task_id": "task-42",
        "submit_payload": {"json": {"model": "demo", "prompt": "a lighthouse", "api_key": "sk-live-0123456789abcdef0123"}},
        "submit_response": {"json": {"task_id": "task-42", "state": "queued"}},
        "status_responses": [{"json": {"state": "running"}}, {"json": {"state": "done"}}],
        "metadata": {"region": "eu-west-1"},
    }
    succeeded = {
        "model_key": "demo_model", "slug": "python ok", "task_mode": "text_to_text",
        "prompts": {"raw": "a lighthouse"}, "outputs": [{"path": output}], "provider_trace": trace,
        "logs": {"client": {"text": "submitted, polled twice\n"}}, "tags": ["example", "python"],
        "source_context": {"source_type": "script", "source_agent": "commit_runs.py", "project_name": "examples"},
        "options": {"temperature": 0.2}, "defaults": ["temperature"], "notes": "from examples/python",
    }
    failed = {
        "model_key": "demo_model", "slug": "python timeout", "prompts": {"raw": "a lighthouse"},
        "provider_trace": dict(trace, status_responses=[{"json": {"state": "running"}}]),
        "tags": ["example", "python"], "status": "failed",
        "errors": [{"kind": "timeout", "message": "no answer within 600 s", "http_status": 504, "code": "E_TIMEOUT", "stage": "poll"}],
    }
    ok = json.loads(artifacts("commit", "--root", root, "--spec", "-", "--json", spec=succeeded))
    bad = json.loads(artifacts("commit", "--root", root, "--spec", "-", "--json", spec=failed))
    assert ok["status"] == "succeeded" and bad["status"] == "failed", (ok, bad)

    runs = [json.loads(line) for line in artifacts("ls", "--root", root, "--json").splitlines() if line.strip()]
    assert {r["run_id"] for r in runs} >= {ok["run_id"], bad["run_id"]}, runs
    failed_only = [json.loads(l) for l in artifacts("ls", "--root", root, "--json", "--status", "failed").splitlines() if l.strip()]
    assert [r["run_id"] for r in failed_only] == [bad["run_id"]], failed_only

    run = json.loads(artifacts("show", bad["run_id"], "--root", root, "--json"))
    assert run["errors"][0]["kind"] == "timeout" and run["errors"][0]["http_status"] == 504, run["errors"]
    assert run["provider_trace"]["task_id"] == "task-42" and run["provider_trace"]["submit_payload_path"], run["provider_trace"]
    with open(os.path.join(root, run["run_path"], run["provider_trace"]["submit_payload_path"]), encoding="utf-8") as f:
        assert "sk-live" not in f.read(), "the API key must be redacted"
    print(json.dumps({"succeeded": ok["run_id"], "failed": bad["run_id"], "listed": len(runs)}))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp())
