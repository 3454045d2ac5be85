//===--- Report.cpp - The static HTML report ------------------------------===//
#include "tools/dbtidy/Report.h"

#include "tools/dbtidy/CheckDocs.h"
#include "tools/dbtidy/FixApply.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <optional>

namespace dbtidy {

namespace {

std::string html(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    case '\'': Out += "&#39;"; break;
    default: Out += C;
    }
  }
  return Out;
}

std::string anchor(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    Out += llvm::isAlnum(C) ? C : '-';
  return Out;
}

const char Style[] = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:#1f2328;background:#fff}
header{background:#24292f;color:#fff;padding:16px 24px}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#d0d7de}
main{padding:16px 24px;max-width:1200px}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:8px}
nav a{display:inline-block;padding:4px 10px;border:1px solid #d0d7de;border-radius:12px;text-decoration:none;color:#0969da}
.count{background:#eaeef2;border-radius:10px;padding:0 6px;margin-left:4px;color:#1f2328}
h2{border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:32px}
h3{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:14px;margin:20px 0 8px}
.finding{border:1px solid #d0d7de;border-radius:6px;margin:8px 0;overflow:hidden}
.finding.error{border-color:#cf222e}
.finding .head{padding:8px 12px;background:#f6f8fa}
.finding.error .head{background:#ffebe9}
.loc{font-family:ui-monospace,Menlo,monospace;font-size:12px;color:#57606a}
.msg{font-weight:600}
pre.code{margin:0;padding:8px 0;background:#fff;font-size:12px;overflow-x:auto;border-top:1px solid #d0d7de}
pre.code span{display:block;padding:0 12px;white-space:pre}
pre.code .hit{background:#fff8c5}
pre.code .ln{color:#8c959f;display:inline;padding:0 8px 0 0;user-select:none}
ul.notes{margin:0;padding:6px 12px 8px 28px;font-size:13px;border-top:1px solid #d0d7de}
.fp{font-family:ui-monospace,Menlo,monospace;font-size:11px;color:#8c959f}
.graph svg{max-width:100%;height:auto}
.cyclelist li{color:#c62828}
#filter{padding:4px 8px;width:320px;max-width:100%}
.hidden{display:none}
.empty{color:#1a7f37;font-weight:600}
)css";

const char Script[] = R"js(
(function () {
  "use strict";
  var findings = document.querySelectorAll(".finding");
  var input = document.getElementById("filter");
  input.addEventListener("input", function () {
    var q = input.value.toLowerCase();
    findings.forEach(function (f) {
      f.classList.toggle("hidden", q !== "" && f.textContent.toLowerCase().indexOf(q) < 0);
    });
  });
  var status = document.getElementById("dbtidy-status");
  status.textContent = "report-ready: " + findings.length + " findings";
  status.setAttribute("data-ready", "1");
})();
)js";

void excerpt(llvm::raw_ostream &OS, SourceCache &Sources, const Finding &F) {
  if (!F.Where.Line || !Sources.text(F.Where.File))
    return;
  unsigned First = F.Where.Line > 2 ? F.Where.Line - 2 : 1;
  unsigned Last = F.Where.Line + 2;
  OS << "<pre class=\"code\">";
  for (unsigned L = First; L <= Last; ++L) {
    std::string Text = Sources.lineText(F.Where.File, L);
    if (L > F.Where.Line && Text.empty() &&
        Sources.lineText(F.Where.File, L + 1).empty())
      break;
    OS << "<span" << (L == F.Where.Line ? " class=\"hit\"" : "") << ">"
       << "<span class=\"ln\">" << L << "</span>" << html(Text) << "</span>";
  }
  OS << "</pre>";
}

std::string location(const SourcePoint &P, llvm::StringRef Root) {
  std::string Out = relativeToRoot(P.File, Root);
  if (P.Line)
    Out += ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
  return Out;
}

} // namespace

std::string renderLockGraphSvg(const LockGraphView &Graph,
                               llvm::StringRef DotProgram) {
  std::string Dot = DotProgram.str();
  if (Dot.empty()) {
    llvm::ErrorOr<std::string> Found = llvm::sys::findProgramByName("dot");
    if (!Found)
      return "";
    Dot = *Found;
  }
  llvm::SmallString<128> In, Out;
  int InFD = -1, OutFD = -1;
  if (llvm::sys::fs::createTemporaryFile("dbtidy-locks", "dot", InFD, In))
    return "";
  if (llvm::sys::fs::createTemporaryFile("dbtidy-locks", "svg", OutFD, Out)) {
    removeTemporaryFile(In);
    return "";
  }
  {
    llvm::raw_fd_ostream OS(InFD, /*shouldClose=*/true);
    OS << Graph.toDot();
  }
  llvm::raw_fd_ostream(OutFD, /*shouldClose=*/true).close();
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                std::nullopt,
                                                llvm::StringRef("")};
  int Status = llvm::sys::ExecuteAndWait(
      Dot, {Dot, "-Tsvg", In.str(), "-o", Out.str()}, std::nullopt, Redirects,
      /*SecondsToWait=*/60);
  std::string Svg;
  if (Status == 0)
    if (auto Buffer = llvm::MemoryBuffer::getFile(Out, /*IsText=*/true))
      Svg = (*Buffer)->getBuffer().str();
  removeTemporaryFile(In);
  removeTemporaryFile(Out);
  // Inline in HTML: from the <svg> element on (no XML prologue/doctype).
  size_t Start = Svg.find("<svg");
  return Start == std::string::npos ? "" : Svg.substr(Start);
}

std::string renderReport(const std::vector<Finding> &Findings,
                         const ReportOptions &Options, SourceCache &Sources) {
  std::map<std::string, std::map<std::string, std::vector<const Finding *>>>
      Groups;
  for (const Finding &F : Findings)
    Groups[F.Check][relativeToRoot(F.Where.File, Options.Root)].push_back(&F);

  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
     << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
     << "<title>dbtidy report</title>\n<style>" << Style << "</style>\n"
     << "</head>\n<body>\n<header><h1>dbtidy report</h1><p>"
     << Findings.size() << (Findings.size() == 1 ? " finding" : " findings")
     << " in " << Options.TranslationUnits << " translation unit"
     << (Options.TranslationUnits == 1 ? "" : "s");
  if (Options.Hidden)
    OS << " (" << Options.Hidden << " more hidden by the baseline or diff mode)";
  OS << " &middot; " << html(Options.Root) << "</p></header>\n<main>\n"
     << "<p id=\"dbtidy-status\" class=\"loc\">report loading</p>\n";

  if (!Options.FailedUnits.empty()) {
    OS << "<h2 id=\"unanalysed\">Translation units that could not be "
          "analysed</h2>\n<ul>";
    for (const std::string &F : Options.FailedUnits)
      OS << "<li class=\"loc\">" << html(relativeToRoot(F, Options.Root))
         << "</li>";
    OS << "</ul>\n";
  }

  OS << "<nav><ul>";
  for (const auto &Check : Groups) {
    size_t N = 0;
    for (const auto &File : Check.second)
      N += File.second.size();
    OS << "<li><a href=\"#" << anchor(Check.first) << "\">" << html(Check.first)
       << "<span class=\"count\">" << N << "</span></a></li>";
  }
  if (Options.Locks && !Options.Locks->empty())
    OS << "<li><a href=\"#lock-order-graph\">lock-order graph</a></li>";
  OS << "</ul></nav>\n";
  OS << "<p><input id=\"filter\" type=\"search\" placeholder=\"Filter findings"
        "\" aria-label=\"Filter findings\"></p>\n";
  if (Findings.empty())
    OS << "<p class=\"empty\">No findings.</p>\n";

  for (const auto &Check : Groups) {
    CheckDoc Doc = checkDoc(Check.first, Options.DocsBaseUrl);
    OS << "<section class=\"check\" id=\"" << anchor(Check.first) << "\">\n<h2>"
       << html(Check.first) << "</h2>\n<p>" << html(Doc.ShortDescription);
    if (!Doc.HelpUri.empty())
      OS << " <a href=\"" << html(Doc.HelpUri) << "\">Documentation</a>";
    OS << "</p>\n";
    for (const auto &File : Check.second) {
      OS << "<h3>" << html(File.first) << "</h3>\n";
      for (const Finding *F : File.second) {
        OS << "<div class=\"finding" << (F->IsError ? " error" : "")
           << "\" data-check=\"" << html(F->Check) << "\">\n<div class=\"head\">"
           << "<div class=\"loc\">" << html(location(F->Where, Options.Root));
        if (!F->Function.empty())
          OS << " in " << html(F->Function);
        OS << "</div><div class=\"msg\">" << (F->IsError ? "error: " : "warning: ")
           << html(F->Message) << "</div><div class=\"fp\">fingerprint "
           << html(F->Fingerprint) << (F->Fix.empty() ? "" : " &middot; has a fix")
           << "</div></div>\n";
        excerpt(OS, Sources, *F);
        if (!F->Notes.empty()) {
          OS << "<ul class=\"notes\">";
          for (const FindingNote &N : F->Notes)
            OS << "<li><span class=\"loc\">" << html(location(N.Where, Options.Root))
               << "</span> " << html(N.Message) << "</li>";
          OS << "</ul>";
        }
        OS << "</div>\n";
      }
    }
    OS << "</section>\n";
  }

  if (Options.Locks && !Options.Locks->empty()) {
    const LockGraphView &G = *Options.Locks;
    OS << "<section id=\"lock-order-graph\">\n<h2>Lock-order graph</h2>\n<p>"
       << G.Nodes.size() << " locks, " << G.Edges.size()
       << " orderings (A &rarr; B: B is taken while A is held), "
       << G.Cycles.size() << (G.Cycles.size() == 1 ? " cycle" : " cycles")
       << " (potential deadlocks, in red).</p>\n";
    if (!G.Cycles.empty()) {
      OS << "<ul class=\"cyclelist\">";
      for (const std::vector<std::string> &C : G.Cycles) {
        OS << "<li>";
        for (const std::string &N : C)
          OS << html(N) << " &rarr; ";
        OS << html(C.front()) << "</li>";
      }
      OS << "</ul>\n";
    }
    std::string Svg = renderLockGraphSvg(G, Options.DotProgram);
    if (!Svg.empty()) {
      OS << "<div class=\"graph\">" << Svg << "</div>\n";
    } else {
      OS << "<p>(Graphviz's dot was not found: the graph as a list.)</p>"
            "<ul class=\"edges\">";
      for (const LockGraphView::Edge &E : G.Edges)
        OS << "<li" << (G.onCycle(E.From, E.To) ? " class=\"cycle\"" : "")
           << ">" << html(E.From) << " &rarr; " << html(E.To) << " <span "
              "class=\"loc\">" << html(E.Function) << " "
           << html(relativeToRoot(E.File, Options.Root)) << ":" << E.Line
           << "</span></li>";
      OS << "</ul>\n";
    }
    OS << "</section>\n";
  }
  OS << "</main>\n<script>" << Script << "</script>\n</body>\n</html>\n";
  return Out;
}

bool writeReport(llvm::StringRef Dir, const std::vector<Finding> &Findings,
                 const ReportOptions &Options, SourceCache &Sources,
                 std::string &Error) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir)) {
    Error = "cannot create '" + Dir.str() + "': " + EC.message();
    return false;
  }
  llvm::SmallString<256> Index(Dir);
  llvm::sys::path::append(Index, "index.html");
  if (!writeFileAtomically(Index, renderReport(Findings, Options, Sources),
                           Error)) {
    Error = std::string(Index) + ": " + Error;
    return false;
  }
  return true;
}

} // namespace dbtidy
