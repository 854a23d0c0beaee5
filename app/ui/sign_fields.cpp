// Which field each refused-sign item is about (issue 13.6), so a tap on the item goes there.
// The items are the fields' own labels (model::missingFields), so the labels are the map.
#include "app/ui/screens.h"

#include <utility>

namespace heard::ui {

ProblemField problemFields(const std::string& prefix, std::vector<model::FieldSpec> specs,
                           std::vector<std::pair<std::string, std::string>> others) {
    return [prefix, specs = std::move(specs), others = std::move(others)](const std::string& problem) {
        for (const model::FieldSpec& spec : specs)
            if (problem == spec.label) return prefix + spec.key;
        for (const auto& [label, field] : others)
            if (problem == label) return prefix + field;
        // Every signature problem ("Your signature", "Your signature: a dot ...") is the pad's.
        if (problem.rfind("Your signature", 0) == 0) return prefix + "signature_pad";
        if (problem == "Your name, typed") return prefix + "signature_name";
        return std::string();
    };
}

} // namespace heard::ui
