"""A small Language Server Protocol client over stdio, as an editor speaks it.

Used by lsp_clangd.py (the dbtidy-clangd end-to-end test). Run directly, it
measures the time from didOpen to the first db-* diagnostic of one file:

  python3 test/e2e/lsp_client.py --server build/bin/dbtidy-clangd \\
      --open examples/shop/orders_repo.cpp \\
      -- --compile-commands-dir=build/examples/shop
"""
import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time


def path_uri(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


class LSPError(Exception):
    pass


class LSPClient:
    """Starts a server and exchanges Content-Length framed JSON-RPC with it."""

    def __init__(self, argv, cwd=None, env=None, stderr_path=None):
        self.stderr_file = open(stderr_path, "wb") if stderr_path else subprocess.DEVNULL
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr_file)
        self.next_id = 1
        self.inbox = queue.Queue()
        self.notifications = []  # (time received, message), in order
        self.responses = {}
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    # -- transport ---------------------------------------------------------
    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                self.inbox.put(("error", "frame without Content-Length"))
                return
            body = out.read(length)
            self.inbox.put((time.monotonic(), json.loads(body)))

    def _send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _pump(self, deadline):
        """Handles one incoming message; False on timeout."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        try:
            item = self.inbox.get(timeout=remaining)
        except queue.Empty:
            return False
        if item is None:
            raise LSPError("server closed its output (exit status %s)" % self.proc.poll())
        if item[0] == "error":
            raise LSPError(item[1])
        when, msg = item
        if "method" in msg and "id" in msg:
            # A request from the server (e.g. window/workDoneProgress/create).
            self._send({"id": msg["id"], "result": None})
        elif "method" in msg:
            self.notifications.append((when, msg))
        else:
            self.responses[msg.get("id")] = msg
        return True

    # -- requests and notifications ------------------------------------------
    def notify(self, method, params):
        self._send({"method": method, "params": params})

    def request(self, method, params, timeout=120):
        rid = self.next_id
        self.next_id += 1
        self._send({"id": rid, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while rid not in self.responses:
            if not self._pump(deadline):
                raise LSPError("no response to %s within %ss" % (method, timeout))
        msg = self.responses.pop(rid)
        if "error" in msg:
            raise LSPError("%s failed: %s" % (method, msg["error"]))
        return msg.get("result")

    def wait_notification(self, predicate, timeout=120, since=0):
        """The first notification (index >= since) matching predicate, as
        (index, time received, message)."""
        deadline = time.monotonic() + timeout
        index = since
        while True:
            while index < len(self.notifications):
                when, msg = self.notifications[index]
                if predicate(msg):
                    return index, when, msg
                index += 1
            if not self._pump(deadline):
                return None

    # -- editor-like session -----------------------------------------------
    def initialize(self, root):
        result = self.request("initialize", {
            "processId": os.getpid(),
            "rootUri": path_uri(root),
            "capabilities": {
                "textDocument": {
                    "publishDiagnostics": {"relatedInformation": True,
                                           "codeDescriptionSupport": True},
                    "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                        "valueSet": ["", "quickfix", "refactor", "refactor.extract",
                                     "refactor.inline", "refactor.rewrite", "source"]}}},
                    "completion": {"completionItem": {"snippetSupport": False}},
                    "synchronization": {"didSave": True},
                },
                "workspace": {"workspaceEdit": {"documentChanges": False}},
            },
            "workspaceFolders": [{"uri": path_uri(root), "name": os.path.basename(root)}],
        }, timeout=60)
        self.notify("initialized", {})
        return result

    def open(self, path, text=None, language="cpp"):
        if text is None:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": path_uri(path), "languageId": language, "version": 1, "text": text}})
        return time.monotonic()

    def change(self, path, text, version):
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": path_uri(path), "version": version},
            "contentChanges": [{"text": text}]})
        return time.monotonic()

    def wait_diagnostics(self, path, predicate=lambda diags: True, timeout=60, since=0):
        uri = path_uri(path)

        def match(msg):
            return (msg["method"] == "textDocument/publishDiagnostics"
                    and msg["params"]["uri"] == uri
                    and predicate(msg["params"]["diagnostics"]))
        return self.wait_notification(match, timeout=timeout, since=since)

    def shutdown(self, timeout=180):
        """shutdown, exit; returns the server's exit status."""
        self.request("shutdown", None, timeout=timeout)
        self.notify("exit", None)
        self.proc.stdin.close()
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            if self.stderr_file is not subprocess.DEVNULL:
                self.stderr_file.close()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def is_db(diag):
    return str(diag.get("code", "")).startswith("db-")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", required=True, help="the language server binary")
    parser.add_argument("--open", required=True, help="the file to open")
    parser.add_argument("--root", help="workspace root (default: the file's directory)")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("server_args", nargs="*", help="arguments for the server (after --)")
    args = parser.parse_args()
    path = os.path.abspath(args.open)
    root = os.path.abspath(args.root or os.path.dirname(path))
    # Started in the current directory, as from a shell; root is the
    # workspace the editor announces.
    client = LSPClient([args.server] + args.server_args)
    try:
        started = time.monotonic()
        client.initialize(root)
        opened = client.open(path)
        found = client.wait_diagnostics(path, lambda d: any(map(is_db, d)), timeout=args.timeout)
        if not found:
            print("no db-* diagnostic within %ss" % args.timeout, file=sys.stderr)
            return 1
        _, when, msg = found
        db = [d for d in msg["params"]["diagnostics"] if is_db(d)]
        for d in db:
            print("%s:%d:%d: %s [%s]" % (os.path.basename(path), d["range"]["start"]["line"] + 1,
                                         d["range"]["start"]["character"] + 1, d["message"],
                                         d["code"]))
        print("server start to initialized: %.2fs; didOpen to first db-* diagnostic: %.2fs"
              % (opened - started, when - opened))
        client.shutdown()
        return 0
    finally:
        client.kill()


if __name__ == "__main__":
    sys.exit(main())
