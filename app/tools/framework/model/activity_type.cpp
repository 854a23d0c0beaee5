#include "app/tools/framework/model/activity_type.h"

#include <algorithm>

namespace heard::tools {

void ActivityType::checkContent(const ActivityContent& content, const ContentProblem& problem) const {
    if (content.steps.size() < minSteps || content.steps.size() > maxSteps) {
        problem("/steps",
                "a " + id + " activity needs " +
                    (minSteps == maxSteps ? std::to_string(minSteps)
                                          : std::to_string(minSteps) + " to " + std::to_string(maxSteps)) +
                    " steps (has " + std::to_string(content.steps.size()) + ")");
    }
    for (size_t i = 0; i < content.steps.size(); ++i) {
        StepKind kind = content.steps[i].kind;
        if (std::find(stepKinds.begin(), stepKinds.end(), kind) == stepKinds.end())
            problem("/steps/" + std::to_string(i) + "/kind",
                    std::string("a ") + id + " activity cannot use \"" + stepKindName(kind) + "\" steps");
    }
    // A short version is still an activity of this type: the same bounds on its length.
    for (size_t i = 0; i < content.ageBands.size(); ++i) {
        const size_t count = content.ageBands[i].steps.size();
        if (count > 0 && (count < minSteps || count > maxSteps))
            problem("/ageBands/" + std::to_string(i) + "/steps",
                    "a " + id + " activity needs " + std::to_string(minSteps) + " to " +
                        std::to_string(maxSteps) + " steps (the short version has " + std::to_string(count) +
                        ")");
    }
    if (extraChecks) extraChecks(content, problem);
}

bool ActivityType::disclosesUnsafe(const ActivityResult& result, const ActivityContent& content) const {
    if (answersDiscloseUnsafe(result, content)) return true;
    return extraUnsafe && extraUnsafe(result, content);
}

void ActivityTypeRegistry::add(ActivityType type) {
    for (ActivityType& existing : m_types) {
        if (existing.id == type.id) {
            existing = std::move(type);
            return;
        }
    }
    m_types.push_back(std::move(type));
}

const ActivityType* ActivityTypeRegistry::find(const std::string& id) const {
    for (const ActivityType& type : m_types) {
        if (type.id == id) return &type;
    }
    return nullptr;
}

ActivityTypeRegistry& activityTypes() {
    static ActivityTypeRegistry s_registry = [] {
        ActivityTypeRegistry registry;
        registerBuiltinActivityTypes(registry); // app/tools/builtin_types.cpp
        return registry;
    }();
    return s_registry;
}

} // namespace heard::tools
