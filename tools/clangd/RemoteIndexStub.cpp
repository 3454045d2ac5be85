//===--- RemoteIndexStub.cpp - clangd's remote index, unavailable ---------===//
//
// Debian's libclangdMain.a is built with the remote index client
// (--remote-index-address), which needs gRPC. When the gRPC runtime
// libraries are not installed, dbtidy-clangd links this instead of
// libclangdRemoteIndex.a, with the behaviour of an upstream clangd built
// without remote index support (index/remote/unimplemented): no client.
//
// clangd declares
//   std::unique_ptr<clangd::SymbolIndex>
//   remote::getClient(llvm::StringRef Address, llvm::StringRef IndexRoot);
// but its headers are not installed, and a std::unique_ptr of the incomplete
// SymbolIndex cannot be returned. A function's mangled name does not include
// its return type, and NoClient is returned exactly like that unique_ptr
// (one pointer, not trivially destructible, so in memory the caller
// provides): the caller receives a null std::unique_ptr.
//
//===----------------------------------------------------------------------===//
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <type_traits>

namespace clang {
namespace clangd {
namespace remote {

struct NoClient {
  void *Index = nullptr;
  ~NoClient() {}
};
static_assert(sizeof(NoClient) == sizeof(std::unique_ptr<int>) &&
                  !std::is_trivially_destructible<NoClient>::value,
              "must be returned like std::unique_ptr<SymbolIndex>");

NoClient getClient(llvm::StringRef Address, llvm::StringRef IndexRoot) {
  llvm::errs() << "dbtidy-clangd: cannot use the remote index at " << Address
               << ": this build has no remote index support (gRPC)\n";
  return NoClient();
}

} // namespace remote
} // namespace clangd
} // namespace clang
