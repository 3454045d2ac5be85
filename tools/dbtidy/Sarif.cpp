//===--- Sarif.cpp - Findings as SARIF 2.1.0 ------------------------------===//
#include "tools/dbtidy/Sarif.h"

#include "tools/dbtidy/CheckDocs.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <map>

namespace dbtidy {

namespace {

std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Out += static_cast<char>(C);
    else {
      Out += '%';
      Out += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
      Out += llvm::hexdigit(C & 15, /*LowerCase=*/false);
    }
  }
  return Out;
}

/// Columns in Unicode code points (run.columnKind), from a byte column.
unsigned codePointColumn(SourceCache &Sources, llvm::StringRef File,
                         unsigned Line, unsigned ByteColumn) {
  std::string Text = Sources.lineText(File, Line);
  unsigned Column = 1;
  for (unsigned I = 0; I + 1 < ByteColumn && I < Text.size(); ++I)
    if ((static_cast<unsigned char>(Text[I]) & 0xC0) != 0x80)
      ++Column;
  if (ByteColumn > Text.size() + 1)
    Column += ByteColumn - static_cast<unsigned>(Text.size()) - 1;
  return Column;
}

llvm::json::Object artifactLocation(llvm::StringRef File,
                                    llvm::StringRef Root) {
  bool Relative = false;
  std::string Uri = artifactUri(File, Root, Relative);
  llvm::json::Object Loc{{"uri", Uri}};
  if (Relative)
    Loc["uriBaseId"] = "%SRCROOT%";
  return Loc;
}

llvm::json::Object region(SourceCache &Sources, llvm::StringRef File,
                          unsigned Line, unsigned Column, unsigned EndLine,
                          unsigned EndColumn) {
  llvm::json::Object R{{"startLine", Line}};
  if (Column)
    R["startColumn"] = codePointColumn(Sources, File, Line, Column);
  if (EndLine && (EndLine > Line || (EndLine == Line && EndColumn > Column))) {
    R["endLine"] = EndLine;
    R["endColumn"] = codePointColumn(Sources, File, EndLine, EndColumn);
  }
  return R;
}

llvm::json::Object physicalLocation(SourceCache &Sources,
                                    const SourcePoint &P, llvm::StringRef Root,
                                    unsigned EndLine = 0,
                                    unsigned EndColumn = 0) {
  llvm::json::Object Loc{{"artifactLocation", artifactLocation(P.File, Root)}};
  if (P.Line)
    Loc["region"] =
        region(Sources, P.File, P.Line, P.Column, EndLine, EndColumn);
  return Loc;
}

llvm::json::Object rule(const CheckDoc &Doc) {
  llvm::json::Object R{
      {"id", Doc.Name},
      {"name", Doc.Name},
      {"shortDescription", llvm::json::Object{{"text", Doc.ShortDescription}}},
      {"fullDescription", llvm::json::Object{{"text", Doc.FullDescription}}},
      {"defaultConfiguration", llvm::json::Object{{"level", "warning"}}},
  };
  std::string Help = Doc.FullDescription;
  if (!Doc.HelpUri.empty()) {
    R["helpUri"] = Doc.HelpUri;
    Help += "\n\nSee " + Doc.HelpUri;
    R["help"] = llvm::json::Object{
        {"text", Help},
        {"markdown", Doc.FullDescription + "\n\n[Documentation of " +
                         Doc.Name + "](" + Doc.HelpUri + ")"}};
  } else {
    R["help"] = llvm::json::Object{{"text", Help}};
  }
  return R;
}

} // namespace

std::string artifactUri(llvm::StringRef File, llvm::StringRef Root,
                        bool &RelativeToRoot) {
  std::string Relative = relativeToRoot(File, Root);
  RelativeToRoot = Relative != File;
  if (RelativeToRoot)
    return percentEncode(Relative);
  return "file://" + percentEncode(File);
}

llvm::json::Value toSarif(const std::vector<Finding> &Findings,
                          const SarifOptions &Options, SourceCache &Sources) {
  // Rules: the enabled checks, then any other rule a result names (clang's
  // own diagnostics), in a stable order.
  std::vector<std::string> RuleIds = Options.EnabledChecks;
  llvm::StringSet<> Known;
  for (const std::string &Id : RuleIds)
    Known.insert(Id);
  for (const Finding &F : Findings)
    if (Known.insert(F.Check).second)
      RuleIds.push_back(F.Check);
  std::map<std::string, unsigned> RuleIndex;
  llvm::json::Array Rules;
  for (const std::string &Id : RuleIds) {
    RuleIndex[Id] = static_cast<unsigned>(Rules.size());
    Rules.push_back(rule(checkDoc(Id, Options.DocsBaseUrl)));
  }

  llvm::json::Array Results;
  for (const Finding &F : Findings) {
    // A diagnostic without a source location (clang's "too many errors
    // emitted") has no location at all: SARIF allows that, and an empty
    // "file://" artifact would be rejected by code-scanning uploads.
    llvm::json::Array Locations;
    if (!F.Where.File.empty()) {
      llvm::json::Object Location{
          {"physicalLocation", physicalLocation(Sources, F.Where, Options.Root,
                                                F.EndLine, F.EndColumn)}};
      if (!F.Function.empty())
        Location["logicalLocations"] = llvm::json::Array{llvm::json::Object{
            {"fullyQualifiedName", F.Function}, {"kind", "function"}}};
      Locations.push_back(std::move(Location));
    }
    llvm::json::Object Result{
        {"ruleId", F.Check},
        {"ruleIndex", RuleIndex[F.Check]},
        {"level", F.IsError ? "error" : F.IsRemark ? "note" : "warning"},
        {"message", llvm::json::Object{{"text", F.Message}}},
        {"locations", std::move(Locations)},
    };
    if (!F.Fingerprint.empty())
      Result["partialFingerprints"] =
          llvm::json::Object{{"dbtidyFingerprint/v1", F.Fingerprint}};
    if (!F.Notes.empty()) {
      llvm::json::Array Related;
      unsigned Id = 1;
      for (const FindingNote &N : F.Notes) {
        llvm::json::Object R{{"id", Id++},
                             {"message", llvm::json::Object{{"text", N.Message}}}};
        if (!N.Where.File.empty())
          R["physicalLocation"] = physicalLocation(Sources, N.Where, Options.Root);
        Related.push_back(std::move(R));
      }
      Result["relatedLocations"] = std::move(Related);
    }
    if (!F.Fix.empty()) {
      std::map<std::string, llvm::json::Array> ByFile;
      for (const FindingEdit &E : F.Fix) {
        unsigned Line = 0, Column = 0, EndLine = 0, EndColumn = 0;
        llvm::json::Object Deleted{{"charOffset", E.Offset},
                                   {"charLength", E.Length}};
        if (Sources.position(E.File, E.Offset, Line, Column) &&
            Sources.position(E.File, E.Offset + E.Length, EndLine, EndColumn)) {
          Deleted["startLine"] = Line;
          Deleted["startColumn"] = codePointColumn(Sources, E.File, Line, Column);
          Deleted["endLine"] = EndLine;
          Deleted["endColumn"] =
              codePointColumn(Sources, E.File, EndLine, EndColumn);
        }
        ByFile[E.File].push_back(llvm::json::Object{
            {"deletedRegion", std::move(Deleted)},
            {"insertedContent", llvm::json::Object{{"text", E.Text}}}});
      }
      llvm::json::Array Changes;
      for (auto &FileAndEdits : ByFile)
        Changes.push_back(llvm::json::Object{
            {"artifactLocation",
             artifactLocation(FileAndEdits.first, Options.Root)},
            {"replacements", std::move(FileAndEdits.second)}});
      Result["fixes"] = llvm::json::Array{llvm::json::Object{
          {"description",
           llvm::json::Object{{"text", "Fix-it of " + F.Check}}},
          {"artifactChanges", std::move(Changes)}}};
    }
    Results.push_back(std::move(Result));
  }

  std::string RootUri = "file://" + percentEncode(Options.Root);
  if (!llvm::StringRef(RootUri).ends_with("/"))
    RootUri += "/";
  llvm::json::Object Driver{
      {"name", "dbtidy"},
      {"fullName", "dbtidy database access checks"},
      {"version", Options.ToolVersion},
      {"semanticVersion", Options.ToolVersion},
      {"informationUri", Options.DocsBaseUrl},
      {"rules", std::move(Rules)},
  };
  llvm::json::Object Run{
      {"tool", llvm::json::Object{{"driver", std::move(Driver)}}},
      {"originalUriBaseIds",
       llvm::json::Object{
           {"%SRCROOT%", llvm::json::Object{{"uri", RootUri}}}}},
      {"columnKind", "unicodeCodePoints"},
      {"results", std::move(Results)},
  };
  return llvm::json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", llvm::json::Array{std::move(Run)}},
  };
}

} // namespace dbtidy
