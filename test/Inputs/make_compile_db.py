"""make_compile_db.py DIR FILE... : writes DIR/compile_commands.json."""
import json
import os
import sys

out_dir = sys.argv[1]
entries = [{"directory": out_dir, "file": os.path.abspath(f),
            "arguments": ["clang++", "-std=c++17", "-c", os.path.abspath(f)]}
           for f in sys.argv[2:]]
with open(os.path.join(out_dir, "compile_commands.json"), "w") as f:
    json.dump(entries, f, indent=2)
