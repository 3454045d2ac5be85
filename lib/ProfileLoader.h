//===--- ProfileLoader.h - Finding and caching API profiles ----*- C++ -*-===//
#ifndef DBTIDY_LIB_PROFILELOADER_H
#define DBTIDY_LIB_PROFILELOADER_H

#include "lib/Profile.h"

#include <memory>
#include <string>
#include <vector>

namespace dbtidy {

class CallClassifier;

/// Everything the checks of one translation unit need from the profiles.
struct ProfileContext {
  std::shared_ptr<const ProfileSet> Profiles;
  std::shared_ptr<const CallClassifier> Classifier;
};

/// Loads profiles once per process and hands out the set that applies to a
/// source file. Thread-safe: the driver analyses translation units in
/// parallel.
class ProfileLoader {
public:
  static ProfileLoader &instance();

  /// Starts parsing the built-in profiles on a thread of their own (yaml-cpp
  /// takes ~10 ms over them; a driver needs them only once a TU is parsed).
  /// The caller must call finishBackgroundWork() before the process exits:
  /// the thread uses yaml-cpp's static objects, which exit destroys.
  void parseBuiltinsInBackground();
  void finishBackgroundWork();

  /// The profiles for SourceFile: ExplicitFiles (--profile / DbTidyProfiles),
  /// then the nearest .dbtidy.yaml above SourceFile with its includes, then
  /// the built-ins it does not disable. Errors are appended to Errors; the
  /// returned set then holds whatever could be read.
  ProfileContext forFile(llvm::StringRef SourceFile,
                         llvm::ArrayRef<std::string> ExplicitFiles,
                         std::vector<ProfileError> &Errors);

  /// The profiles from files that apply to SourceFile (ExplicitFiles, the
  /// nearest .dbtidy.yaml and their includes), without the built-ins; those
  /// that cannot be read are left out.
  std::vector<std::shared_ptr<const Profile>>
  userProfilesFor(llvm::StringRef SourceFile,
                  llvm::ArrayRef<std::string> ExplicitFiles);

  /// Parses the given files (and their includes) and reports every error.
  std::vector<ProfileError> validate(llvm::ArrayRef<std::string> Files);

  /// The nearest .dbtidy.yaml in SourceFile's directory or above, or "".
  static std::string findConfigFile(llvm::StringRef SourceFile);

  /// Splits the value of the DbTidyProfiles option (';'-separated paths).
  static std::vector<std::string> splitProfileList(llvm::StringRef Value);

private:
  ProfileLoader();
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace dbtidy

#endif
