//===--- FixItSafety.h - Fix-its never applied into macros ------*- C++ -*-===//
//
// A fix-it whose range starts or ends in a macro expansion cannot be applied
// safely: clang's fix-it merging either drops every hint of the diagnostic
// silently or maps the range onto the macro's call or definition, which may
// rewrite only part of what the fix assumed. The checks therefore never
// attach such a group: they attach none of its hints and say so in a note,
// so the finding is reported, nothing is rewritten, and the user is told
// why there is no fix (docs/fix-safety.md).
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_FIXITSAFETY_H
#define DBTIDY_LIB_FIXITSAFETY_H

#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"

namespace dbtidy {

/// The note given instead of a fix-it group that touches a macro expansion.
inline constexpr const char *MacroFixNote =
    "fix-it not applied: it touches a macro expansion";

/// Whether any hint's range (or the range it copies from) begins or ends in
/// a macro expansion.
inline bool fixTouchesMacro(llvm::ArrayRef<clang::FixItHint> Hints) {
  for (const clang::FixItHint &H : Hints) {
    for (const clang::CharSourceRange &R : {H.RemoveRange, H.InsertFromRange})
      if (R.getBegin().isMacroID() || R.getEnd().isMacroID())
        return true;
  }
  return false;
}

/// Attaches Hints to D when none touches a macro expansion; otherwise
/// attaches none and sets TouchesMacro.
inline void attachFixes(const clang::DiagnosticBuilder &D,
                        llvm::ArrayRef<clang::FixItHint> Hints,
                        bool &TouchesMacro) {
  if (fixTouchesMacro(Hints)) {
    TouchesMacro = true;
    return;
  }
  for (const clang::FixItHint &H : Hints)
    D << H;
}

} // namespace dbtidy

#endif
