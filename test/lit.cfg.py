# lit configuration for dbtidy's check and end-to-end tests.
#
# Run through ctest (one ctest entry per test file), or directly:
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv \
#     --param dbtidy_site_config=build/test/lit.site.cfg.py test/check
import os
import shutil
import subprocess
import tempfile

import lit.formats

site_config = lit_config.params.get("dbtidy_site_config")
if not hasattr(config, "dbtidy_obj_root"):
    if not site_config or not os.path.exists(site_config):
        lit_config.fatal("pass --param dbtidy_site_config=<build>/test/lit.site.cfg.py")
    with open(site_config) as f:
        exec(compile(f.read(), site_config, "exec"), {"config": config, "lit_config": lit_config})

config.name = "dbtidy"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".c", ".test"]
config.excludes = ["Inputs", "check_markers.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.dbtidy_obj_root, "test")

src = config.dbtidy_src_root
inputs = os.path.join(src, "test", "Inputs")
qt_root = "/usr/include/x86_64-linux-gnu/qt5"
qt_flags = " ".join(["-fPIC", "-I" + qt_root, "-I" + qt_root + "/QtCore", "-I" + qt_root + "/QtSql"])

# A sanitizer build (-DDBTIDY_SANITIZE=address,...) of the plugin loads into
# clang-tidy-19, which is not built with ASan, so the ASan runtime has to be
# preloaded into that process, and only there: our own executables carry
# their runtime (statically with clang, where a second copy would abort).
# LeakSanitizer stays off in the host, as clang-tidy deliberately does not
# free its AST at exit; manual poisoning is off as in our own executables
# (lib/SanitizerDefaults.cpp). See docs/reliability.md.
plugin_host_env = []
if "address" in getattr(config, "dbtidy_sanitize", ""):
    config.available_features.add("asan")
    runtime = "libclang_rt.asan-x86_64.so" if config.cxx_compiler_id == "Clang" else "libasan.so"
    runtime_path = subprocess.check_output(
        [config.cxx_compiler, "-print-file-name=" + runtime], text=True).strip()
    if not os.path.isabs(runtime_path):
        lit_config.fatal("cannot find the ASan runtime %s of %s" % (runtime, config.cxx_compiler))
    plugin_host_env = ["LD_PRELOAD=" + runtime_path,
                       "ASAN_OPTIONS=detect_leaks=0:allow_user_poisoning=0"]
    config.environment["UBSAN_OPTIONS"] = os.environ.get("UBSAN_OPTIONS", "print_stacktrace=1")

runner = " ".join([
    config.python, os.path.join(src, "test", "check_dbtidy.py"),
    "--dbtidy", config.dbtidy_bin,
    "--module", config.dbtidy_module,
    "--clang-tidy", config.clang_tidy,
    "--filecheck", config.filecheck,
    "--clang", config.clangxx,
] + ["--clang-tidy-env=" + e for e in plugin_host_env])
# DBTIDY_CHECK_FRONTEND=plugin|driver runs the check tests through one front
# end instead of both (CI's sanitized pass: the check code is the same in
# both, and the plain pass already compares them). A test that names its own
# --frontend keeps it.
frontend = os.environ.get("DBTIDY_CHECK_FRONTEND", "")
if frontend:
    if frontend not in ("plugin", "driver", "both"):
        lit_config.fatal("DBTIDY_CHECK_FRONTEND must be plugin, driver or both, not %r" % frontend)
    runner += " --frontend=" + frontend

config.substitutions.append(("%check_dbtidy", runner))
config.substitutions.append(("%dbtidy", config.dbtidy_bin))
def plugin_host(tool):
    # Any clang-tidy that loads our module, including the other LLVM version
    # the version check is tested against. A wrapper script rather than an
    # "env ..." prefix: tests hand the tool to CMake (CMAKE_CXX_CLANG_TIDY)
    # and run-clang-tidy as one program path.
    if not plugin_host_env:
        return tool
    os.makedirs(config.test_exec_root, exist_ok=True)
    wrapper = os.path.join(config.test_exec_root, "asan-host-" + os.path.basename(tool))
    # ctest runs lit once per test, in parallel: write it whole, then rename.
    fd, tmp = tempfile.mkstemp(dir=config.test_exec_root)
    with os.fdopen(fd, "w") as f:
        f.write("#!/bin/sh\nexec env %s %s \"$@\"\n" % (" ".join(plugin_host_env), tool))
    os.chmod(tmp, 0o755)
    os.replace(tmp, wrapper)
    return wrapper
config.substitutions.append(("%clang_tidy_other", plugin_host(config.clang_tidy_other) if config.clang_tidy_other else "false"))
config.substitutions.append(("%clang_tidy", plugin_host(config.clang_tidy)))
config.substitutions.append(("%module", config.dbtidy_module))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%inputs", inputs))
config.substitutions.append(("%fake_headers", "-I" + os.path.join(inputs, "include")))
config.substitutions.append(("%qt_flags", qt_flags))
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%src_root", src))

config.environment["PATH"] = os.pathsep.join([config.llvm_bin, config.environment.get("PATH", os.environ.get("PATH", ""))])
config.environment["HOME"] = os.environ.get("HOME", "/tmp")

def have(path):
    return os.path.exists(path)

if have("/usr/include/SQLiteCpp/SQLiteCpp.h"):
    config.available_features.add("sqlitecpp")
if have("/usr/include/pqxx/pqxx"):
    config.available_features.add("pqxx")
if have("/usr/include/soci/soci.h"):
    config.available_features.add("soci")
if have(qt_root + "/QtSql/QSqlQuery"):
    config.available_features.add("qt5")
if have("/usr/include/Poco/Data/Session.h"):
    config.available_features.add("poco")
if have("/usr/include/sqlite3.h"):
    config.available_features.add("sqlite3")
if have("/usr/include/postgresql/libpq-fe.h"):
    config.available_features.add("libpq")
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if chromium:
    config.available_features.add("chromium")
config.substitutions.append(("%chromium", chromium or "false"))
if shutil.which("dot"):
    config.available_features.add("graphviz")
if shutil.which("run-clang-tidy-19") or have(os.path.join(config.llvm_bin, "run-clang-tidy")):
    config.available_features.add("run-clang-tidy")
if config.clang_tidy_other and have(config.clang_tidy_other):
    config.available_features.add("clang-tidy-other")
