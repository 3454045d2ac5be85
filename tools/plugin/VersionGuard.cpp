//===--- VersionGuard.cpp - The loadable face of the clang-tidy module ----===//
//
// A module built against LLVM 19 loaded into clang-tidy 14 or 22 either fails
// to load on some missing symbol ("-load request ignored", then silence) or
// resolves enough symbols to list its checks and then reports nothing. So
// the library users --load holds no LLVM code at all: it finds the LLVM
// version of the hosting process, stops with a clear message if it differs,
// and otherwise loads the checks library that sits beside it.
//
//===----------------------------------------------------------------------===//
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <link.h>
#include <string>

#ifndef DBTIDY_LLVM_MAJOR
#error "DBTIDY_LLVM_MAJOR must be defined by the build"
#endif
#ifndef DBTIDY_CHECKS_LIBRARY
#error "DBTIDY_CHECKS_LIBRARY must be defined by the build"
#endif

namespace {

/// Parses the major version after "version " in a clang version banner.
int majorFromBanner(const std::string &Banner) {
  size_t Pos = Banner.find("version ");
  if (Pos == std::string::npos)
    return 0;
  return std::atoi(Banner.c_str() + Pos + 8);
}

struct LibraryScan {
  int Major = 0;
  std::string Path;
};

/// Finds libclang-cpp.so.N or libLLVM(-N).so(.N) among the loaded objects.
int scanLoadedLibrary(dl_phdr_info *Info, size_t, void *Data) {
  auto *Scan = static_cast<LibraryScan *>(Data);
  if (!Info->dlpi_name || Scan->Major)
    return 0;
  const char *Base = std::strrchr(Info->dlpi_name, '/');
  Base = Base ? Base + 1 : Info->dlpi_name;
  int Major = 0;
  if (std::strncmp(Base, "libclang-cpp.so.", 16) == 0)
    Major = std::atoi(Base + 16);
  else if (std::strncmp(Base, "libLLVM-", 8) == 0)
    Major = std::atoi(Base + 8);
  else if (std::strncmp(Base, "libLLVM.so.", 11) == 0)
    Major = std::atoi(Base + 11);
  if (Major > 0) {
    Scan->Major = Major;
    Scan->Path = Info->dlpi_name;
  }
  return 0;
}

/// Loads DbTidyChecks.so from this library's own directory. Its static
/// initialisers register the db-* checks with the host's registry.
void loadChecks() {
  Dl_info Self;
  std::string Path = DBTIDY_CHECKS_LIBRARY;
  if (dladdr(reinterpret_cast<void *>(&loadChecks), &Self) && Self.dli_fname) {
    std::string Own = Self.dli_fname;
    size_t Slash = Own.rfind('/');
    if (Slash != std::string::npos)
      Path = Own.substr(0, Slash + 1) + DBTIDY_CHECKS_LIBRARY;
  }
  if (!dlopen(Path.c_str(), RTLD_NOW | RTLD_GLOBAL)) {
    std::fprintf(stderr, "error: DbTidyModule.so cannot load its checks: %s\n",
                 dlerror());
    std::fflush(stderr);
    std::_Exit(1);
  }
}

__attribute__((constructor(101))) void refuseForeignHost() {
  if (std::getenv("DBTIDY_SKIP_VERSION_CHECK")) {
    loadChecks();
    return;
  }
  int HostMajor = 0;
  std::string HostDescription;
  using VersionFn = std::string (*)();
  if (void *Sym =
          dlsym(RTLD_DEFAULT, "_ZN5clang19getClangFullVersionB5cxx11Ev")) {
    HostDescription = reinterpret_cast<VersionFn>(Sym)();
    HostMajor = majorFromBanner(HostDescription);
  }
  if (!HostMajor) {
    LibraryScan Scan;
    dl_iterate_phdr(scanLoadedLibrary, &Scan);
    HostMajor = Scan.Major;
    HostDescription = Scan.Path;
  }
  if (!HostMajor || HostMajor == DBTIDY_LLVM_MAJOR) {
    loadChecks(); // same version, or a statically linked host we cannot read
    return;
  }
  std::fprintf(stderr,
               "error: DbTidyModule.so was built for LLVM %d, but the "
               "clang-tidy loading it is LLVM %d (%s). A module only works "
               "in the clang-tidy of the LLVM version it was built for: run "
               "clang-tidy-%d, or rebuild dbtidy against LLVM %d.\n",
               DBTIDY_LLVM_MAJOR, HostMajor, HostDescription.c_str(),
               DBTIDY_LLVM_MAJOR, HostMajor);
  std::fflush(stderr);
  std::_Exit(1);
}

} // namespace
