// The parts of the console's record view drawn by the tablet's own code (issue 15, item 4): the
// skin map picture from its marks (the same cairo renderer, app/tools/skin_map/report), and the
// conflict analysis with the child's answers it cites, resolved as the court report resolves them
// (app/report/case_reports.h, resolveCitation). This file is the one place heard-server uses the
// tablet's tool models and drawings (scripts/check-layers.py names it); they are plain C++ and
// cairo, no SDL or ImGui.
//
// The tablet's translations are process-wide (app/i18n), so every call here holds one lock and
// draws inside a ScopedLanguage for the viewer's language.
#pragma once

#include "server/console/text.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace heard::server::console {

// The skin map of a skin_map record's payload as a PNG picture (title, outlines with numbered
// marks, legend), width pixels wide. "" and error set when the payload is not a skin map.
std::string skinMapPng(const nlohmann::json& payload, Lang lang, int width, std::string& error);
// The legend in words, one line per mark ("1. Bruise on the left forearm ..."), for the page's text.
std::vector<std::string> skinMapLegend(const nlohmann::json& payload, Lang lang);

// A received record as the tablet's code reads it (the body pushed by the tablet).
struct ReceivedBody {
    std::string id, kind, caseId, childId, parentId, createdAt, signedAt;
    nlohmann::json payload;
};

struct CitedAnswer {
    std::string recordId, stepId;
    bool found = false;   // false: not among the case's signed activities in the viewer's scope
    std::string date;     // when the child said it (the visit's day)
    std::string source;   // the activity's title
    std::string question; // in the viewer's language
    std::string answer;   // the child's own words exactly, or the label they chose
    bool ownWords = false;
};
struct AnalysisSectionView {
    std::string id, title, text;
    bool notApplicable = false;
    std::vector<CitedAnswer> cited;
};
struct AnalysisView {
    std::string error; // "" when the payload read
    std::vector<AnalysisSectionView> sections;
    std::vector<std::pair<std::string, std::string>> indicators; // title, note (those that apply)
    std::string judgement;                                       // the harm judgement, in words
};
// bodyOf gives the body of a record the analysis cites (and of its visit), or nullopt when the
// viewer may not see it or it is not of the same child.
AnalysisView
conflictAnalysisView(const nlohmann::json& payload, const std::string& childId, Lang lang,
                     const std::function<std::optional<ReceivedBody>(const std::string& id)>& bodyOf);

} // namespace heard::server::console
