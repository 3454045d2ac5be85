#ifndef DBTIDY_LIB_PATHS_H
#define DBTIDY_LIB_PATHS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace dbtidy {

/// Path made absolute against the working directory, with "." and ".."
/// removed. When the working directory cannot be read the path is returned
/// as given.
std::string absolutePath(llvm::StringRef Path);

} // namespace dbtidy

#endif
