// The practitioner's screen for the impact of parental conflict analysis (issue 7): the child's
// answers from this visit's "when grown-ups argue" activity, shown exactly as given, and the
// structured sections of conflict_analysis.h, each able to cite those answers as evidence; the
// indicators, the practitioner's judgement, and a typed name with a finger signature.
// Practitioner mode only: never drawn in child mode.
//
// Flow: openConflictAnalysis() for a visit; drawConflictAnalysisView() each frame inside a
// screen; saveConflictAnalysis() when actions.changed (a draft, autosaved like any record);
// signConflictAnalysis() when actions.signTapped (refused with the reasons listed on screen).
// In landscape the child's answers stay in a column beside the sections, so evidence is one
// tap away from where it is cited; in portrait they come first.
#pragma once

#include "app/tools/framework/model/activity_content.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/parental_conflict/model/conflict_analysis.h"
#include "storage/store.h"

#include <string>
#include <vector>

namespace heard::tools {

struct ConflictAnalysisScreen {
    std::string visitId, caseId, childId, author;
    std::string activityRecordId; // the child's parental_conflict record in this visit ("" if none)
    ActivityResult childResult;
    const ActivityContent* content = nullptr; // the content the child used (may be null)
    ConflictAnalysis analysis;
    std::string recordId; // the analysis record, "" until first saved
    bool isSigned = false;
    std::string signedBy, signedAt;
    std::string chosenStep;                        // the answer tapped, ready to cite
    std::vector<std::vector<float>> currentStroke; // the signature stroke being drawn
    std::vector<std::string> problems;             // why signing was refused, in the practitioner's language
    bool revealProblems = false;                   // scroll the refusal into view once
    std::string error;                             // a store error, shown on screen
};

struct ConflictAnalysisActions {
    bool changed = false;    // the analysis changed: save the draft
    bool signTapped = false; // the practitioner asked to sign
};

// Finds the visit's child activity (the latest parental_conflict record under it) and any
// analysis already begun. False with error when the visit is not in the store, or its analysis
// record cannot be read (nothing is overwritten then).
bool openConflictAnalysis(storage::Store& store, const ContentLibrary& library, const std::string& visitId,
                          const std::string& author, ConflictAnalysisScreen& screen, std::string& error);
// Creates or updates the draft. False (screen.error set, nothing lost from the screen) on failure.
bool saveConflictAnalysis(storage::Store& store, ConflictAnalysisScreen& screen);
// Saves, then signs if nothing is missing and every citation is a real answer; otherwise lists
// the problems in screen.problems and signs nothing.
bool signConflictAnalysis(storage::Store& store, ConflictAnalysisScreen& screen);

void drawConflictAnalysisView(ConflictAnalysisScreen& screen, ConflictAnalysisActions& actions);

} // namespace heard::tools
