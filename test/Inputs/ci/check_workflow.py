"""check_workflow.py WORKFLOW.yml WORKDIR DBTIDY : validates the GitHub
Actions recipe (YAML, permissions, the upload-sarif step and the file it
uploads) and runs its "Run dbtidy" step in WORKDIR with DBTIDY as the
driver. Prints the SARIF file's path."""
import os
import subprocess
import sys

try:
    import yaml
except ImportError:  # python3-yaml missing: a structural check instead
    yaml = None


def fail(message):
    sys.stderr.write("check_workflow.py: FAIL: %s\n" % message)
    sys.exit(1)


def main():
    path, workdir, dbtidy = sys.argv[1:4]
    text = open(path).read()
    if yaml:
        doc = yaml.safe_load(text)
        # YAML 1.1 reads the key "on" as True.
        if "on" not in doc and True not in doc:
            fail("no 'on' trigger")
        if doc.get("permissions", {}).get("security-events") != "write":
            fail("upload-sarif needs permissions: security-events: write")
        jobs = doc["jobs"]
        steps = [s for job in jobs.values() for s in job["steps"]]
        env = next(iter(jobs.values())).get("env", {})
        upload = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
        if len(upload) != 1:
            fail("expected one github/codeql-action/upload-sarif step")
        sarif = upload[0]["with"]["sarif_file"]
        run = [s for s in steps if s.get("name") == "Run dbtidy"]
        if len(run) != 1:
            fail("no 'Run dbtidy' step")
        command = run[0]["run"]
    else:
        if "github/codeql-action/upload-sarif@" not in text or "security-events: write" not in text:
            fail("no upload-sarif step or permission")
        sarif = text.split("sarif_file:")[1].split()[0]
        lines = text.splitlines()
        i = next(n for n, l in enumerate(lines) if "name: Run dbtidy" in l)
        command = lines[i + 2].strip()
        env = {"BUILD_DIR": "build"}
    if "--output=" + sarif not in command or "--format=sarif" not in command:
        fail("the dbtidy step does not write %s as SARIF" % sarif)
    run_env = dict(os.environ)
    run_env.update({k: str(v) for k, v in env.items()})
    run_env["DBTIDY"] = dbtidy
    proc = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=workdir, env=run_env)
    if proc.returncode != 0:
        fail("the 'Run dbtidy' step failed with %d" % proc.returncode)
    out = os.path.join(workdir, sarif)
    if not os.path.exists(out):
        fail("the step did not write " + sarif)
    print(out)


if __name__ == "__main__":
    main()
