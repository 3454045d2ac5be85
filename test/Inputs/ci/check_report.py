"""check_report.py CHROMIUM INDEX.HTML TEXT... : opens the report in headless
Chromium and checks that its script ran (the status line says
"report-ready"), that nothing was logged to the console (no errors, no
uncaught exceptions) and that every TEXT appears in the rendered page.
Prints the status line."""
import os
import re
import subprocess
import sys
import tempfile


def main():
    chromium, page, texts = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3:]
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [chromium, "--headless=new", "--disable-gpu", "--no-sandbox",
             "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile,
             "--enable-logging=stderr", "--v=0", "--dump-dom", "file://" + page],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120, text=True)
    dom, log = proc.stdout, proc.stderr
    problems = []
    if proc.returncode != 0:
        problems.append("chromium exited with %d" % proc.returncode)
    console = [l for l in log.splitlines() if "CONSOLE" in l or "Uncaught" in l]
    if console:
        problems.append("console messages:\n  " + "\n  ".join(console))
    status = re.search(r'<p id="dbtidy-status"[^>]*>([^<]*)</p>', dom)
    if not status or not status.group(1).startswith("report-ready"):
        problems.append("the page script did not run (status: %r)" %
                        (status.group(1) if status else None))
    for text in texts:
        if text not in dom:
            problems.append("the page does not show %r" % text)
    if problems:
        sys.stderr.write("check_report.py: FAIL:\n" + "\n".join(problems) + "\n")
        return 1
    print(status.group(1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
