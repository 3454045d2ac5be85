#ifndef DBTIDY_LIB_QUALIFIEDNAME_H
#define DBTIDY_LIB_QUALIFIEDNAME_H

#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"
#include <string>

namespace dbtidy {

/// "ns::Class::member" as profiles spell it: no template arguments, no
/// inline or anonymous namespaces.
std::string profileName(const clang::NamedDecl *D);

/// Glob match where '*' stands for any run of characters.
bool matchesGlob(llvm::StringRef Pattern, llvm::StringRef Name);

/// Matches a qualified name against a profile pattern component by
/// component: '*' matches within one component and never across "::", so
/// `pqxx::transaction_base::exec*` does not match a nested class's members.
bool matchesNamePattern(llvm::StringRef Pattern, llvm::StringRef Name);

/// Whether a parameter or argument type is written Pattern in a profile's
/// 'params' list: cv-qualifiers and references dropped, compared both as
/// spelled (typedefs kept) and canonically.
bool typeMatches(llvm::StringRef Pattern, clang::QualType Type,
                 const clang::ASTContext &Ctx);

/// The class inside a type: through references, pointers, and the first type
/// argument of class templates (unique_ptr<T>, optional<T>, dbo::ptr<T>).
const clang::CXXRecordDecl *classInside(clang::QualType T);

/// Calls F for the class of Type (through pointers and references) and each
/// of its bases, until F returns true. Returns whether it did.
bool anyClassInHierarchy(clang::QualType Type,
                         llvm::function_ref<bool(const clang::RecordDecl *)> F);

} // namespace dbtidy

#endif
