// Shared pieces of record models: a named text field, and the "which fields are still empty"
// check that signing uses.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

// N_() (from i18n.h) marks a msgid for extraction without translating it: model code has no
// language; the UI translates the label with _() when it draws it.
#include "app/i18n/i18n.h"

namespace heard::model {

// A required free-text field of a record: its JSON key and the label the practitioner sees.
// Labels are msgids: the UI translates them with _().
struct FieldSpec {
    const char* key;
    const char* label;
    const char* hint; // what to write (shown under the label); never a prompt to question a child
};

// A field that must be filled before signing. The practitioner may write "not applicable"
// and why; an empty or whitespace-only field counts as missing.
bool isBlank(const std::string& text);

// The labels of every required field of specs that is blank in fields.
std::vector<std::string> missingFields(const std::vector<FieldSpec>& specs, const nlohmann::json& fields);

// A finger signature is real when its strokes, together, are long enough to be a mark made on
// purpose: a dot or a tap on the pad is not a signature (issue 13.3). Strokes are
// x0,y0,x1,y1,... normalised to the pad (about 3.25 times as wide as it is tall).
bool isRealSignature(const std::vector<std::vector<float>>& strokes);
// The sign problem for a signature (a msgid), or nullptr when it is real.
const char* signatureProblem(const std::vector<std::vector<float>>& strokes);

// Longest text one field accepts (characters of UTF-8). Longer input is refused with a
// message rather than truncated, so nothing a practitioner wrote is silently lost.
constexpr size_t kMaxFieldBytes = 64 * 1024;

} // namespace heard::model
