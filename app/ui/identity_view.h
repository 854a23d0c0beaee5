// Identity and needs on the child's record, and the interpreter at a visit (issue 18.6): the
// questions as the practitioner answers them, and the answers as records show them.
#pragma once

#include "app/model/identity_needs.h"

#include <string>

namespace heard::ui {

// "Was an interpreter used at this visit?" with nothing chosen until tapped, then the
// language, the name and in person or remote. Returns true when anything changed.
bool interpreterQuestion(model::VisitInterpreter& interpreter, const char* tagPrefix);
// One line for people: "Not said", "No interpreter", or "Polish · Ewa Nowak · remote".
std::string interpreterText(const model::VisitInterpreter& interpreter);

// One item of identity and needs: its words, or "Not known" (which empties and locks the words).
// Returns true when anything changed.
bool identityItemField(const model::FieldSpec& spec, model::IdentityItem& item, const char* tagPrefix);
// How an item reads on a record: the words, "Not known" or "Not recorded".
std::string identityItemText(const model::IdentityItem& item);
// Every item of a saved payload, read-only (the Record screen).
void drawIdentityNeeds(const nlohmann::json& payload);

} // namespace heard::ui
