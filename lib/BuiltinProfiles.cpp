#include "lib/BuiltinProfiles.h"

namespace dbtidy {

static const BuiltinProfileText Texts[] = {
#include "BuiltinProfiles.inc"
};

llvm::ArrayRef<BuiltinProfileText> builtinProfileTexts() { return Texts; }

} // namespace dbtidy
