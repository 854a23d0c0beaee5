// A visit: one session with a child (DOMAIN.md "What practice demands of a record", SF 2.47).
//
// The record holds where the child was seen, who was there, the purpose, what was done to
// make the setting supportive, what happened, the reasons for the actions, the impact on the
// child, outcomes, the feedback given to the carer, and what is planned next. It cannot be
// signed while any of those is empty, nor before the practitioner confirms that the limits of
// confidentiality were explained to the child (SF 2.45, 2.92).
#pragma once

#include "app/model/identity_needs.h"
#include "app/model/record_fields.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace heard::model {

struct Visit {
    // Set when the visit starts.
    std::string where;   // where the child was seen
    std::string present; // who was there
    std::string purpose; // for what purpose
    bool confidentialityExplained = false;
    std::string confidentialityExplainedAt; // ISO-8601 UTC
    std::string startedAt;
    VisitInterpreter interpreter; // the interpreter actually used at this visit, if any (NS 8.6)
    // The write-up (keys of kVisitWriteUpFields).
    nlohmann::json writeUp = nlohmann::json::object();
    // The typed name and finger signature given when signing.
    std::string signatureName;
    std::vector<std::vector<float>> signatureStrokes; // each stroke: x0,y0,x1,y1,... normalised 0..1
};

// The start-of-visit fields, then the write-up fields, in the order SF 2.47 lists them.
const std::vector<FieldSpec>& visitStartFields();
const std::vector<FieldSpec>& visitWriteUpFields();

// Labels of everything that stops signing (empty fields, confidentiality not confirmed,
// no typed name or no signature). Empty: the visit may be signed.
std::vector<std::string> visitSigningProblems(const Visit& visit);

nlohmann::json toJson(const Visit& visit);
// Throws std::invalid_argument with a clear message for malformed JSON.
Visit visitFromJson(const nlohmann::json& json);

} // namespace heard::model
