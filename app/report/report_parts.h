// Parts shared by the reports of app/report (case_reports.cpp, record_reports.cpp): dates for
// people, the frame of every page, and a citation resolved in a given language. Not for use
// outside app/report.
#pragma once

#include "app/report/case_reports.h"
#include "app/tools/framework/model/activity_result.h"

#include <string>

namespace heard::report::detail {

extern const char* const kMarking; // the protective marking, an N_() msgid

std::string dateOf(const std::string& iso); // "3 March 2026" ("" for "")
std::string visitDate(const storage::Record& visit);
std::string activityDate(const CaseFile& file, const storage::Record& activity);
const char* kindLabel(const std::string& kind); // N_() msgid
// The answer as words for people: the child's words, or the label of what they chose.
void answerText(const tools::Answer& a, const tools::Step* step, const tools::ActivityContent* content,
                const char* lang, Evidence& e);
Evidence resolveIn(const CaseFile& file, const model::ImpactCitation& c, const char* lang);
// Case number, initials, marking and page words in `lang`.
void frame(const CaseFile& file, Document& doc, const char* lang);
// "(the child's own words, exactly as given)" and the like, in the practitioner's language.
std::string wordsNote(const Evidence& e);

} // namespace heard::report::detail
