//===- SanitizerDefaults.cpp - ASan options of a sanitized build ----------===//
//
// Compiled only into a DBTIDY_SANITIZE=address build (lib/CMakeLists.txt).
//
// LLVM's headers poison the unused tail of a BumpPtrAllocator slab when the
// code including them is built with ASan. Debian's LLVM and Clang libraries
// are not: when the linker keeps our instrumented copy of an inline
// allocator function, the libraries' own uninstrumented copies then touch
// memory it poisoned, and ASan reports a use-after-poison inside clangd's
// TUScheduler that no code of ours is involved in. Turning off manual
// poisoning keeps every real check (heap, stack, globals, UBSan) and drops
// only these false reports. ASAN_OPTIONS set by the user still wins.
//
//===----------------------------------------------------------------------===//

// The name is ASan's hook, hence reserved.
// NOLINTNEXTLINE(bugprone-reserved-identifier,readability-identifier-naming)
extern "C" const char *__asan_default_options();
// NOLINTNEXTLINE(bugprone-reserved-identifier,readability-identifier-naming)
extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0";
}
