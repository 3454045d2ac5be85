//===--- FactsCollector.h - Computing a translation unit's facts -*- C++ -*-===//
#ifndef DBTIDY_LIB_FACTSCOLLECTOR_H
#define DBTIDY_LIB_FACTSCOLLECTOR_H

#include "lib/CallClassifier.h"
#include "lib/Facts.h"

#include "clang/AST/ASTContext.h"

namespace dbtidy {

/// Adds to Out a fact for every function defined in this translation unit's
/// user code (not system headers) whose call issues a database round trip,
/// using the same summaries the checks use.
void collectFacts(clang::ASTContext &Ctx, const CallClassifier &Classifier,
                  FactsIndex &Out);

} // namespace dbtidy

#endif
