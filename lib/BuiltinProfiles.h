#ifndef DBTIDY_LIB_BUILTINPROFILES_H
#define DBTIDY_LIB_BUILTINPROFILES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace dbtidy {

struct BuiltinProfileText {
  llvm::StringRef FileName; // e.g. "libpqxx.yaml"
  llvm::StringRef Text;
};

/// The YAML texts of lib/profiles/*.yaml, compiled into the binary.
llvm::ArrayRef<BuiltinProfileText> builtinProfileTexts();

} // namespace dbtidy

#endif
