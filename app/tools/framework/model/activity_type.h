// The activity framework: what every child-facing tool is built on.
//
// An activity TYPE is code; an activity's CONTENT is data. A type has
//   - an id ("three_houses") that content files name in their "type" field,
//   - rules for its content (which step kinds, how many steps: checkContent), checked when
//     assets/tools/*.json is loaded so a bad file is refused with a clear error,
//   - its model: an ActivityRun over the content (activity_run.h), the shared answer model
//     (activity_result.h) with `extra` JSON for state the shared model cannot hold,
//   - its JSON form: resultToJson / resultFromJson (activity_result.h), the payload of a record
//     of kind "activity" whose parentId is the visit,
//   - a safety rule (disclosesUnsafe): when it says yes, the record is saved highRisk so the
//     manager is told at once,
//   - a child-mode view and a practitioner summary view, registered on the UI side under the
//     same id (app/tools/framework/view/activity_views.h), because the model never sees ImGui.
//
// Adding a type (e.g. the impact of parental conflict tool, issue 7):
//   1. model: the tool's registerXTypes(ActivityTypeRegistry&) adds ActivityType{...};
//   2. view: the tool's registerXViews(ActivityViewRegistry&) adds its ActivityView, if it draws
//      anything the shared step views do not;
//   3. call both from the tool catalogue, app/tools/builtin_types.cpp and builtin_views.cpp, the
//      one place above the tools that knows them all (the framework never includes a tool:
//      scripts/check-layers.py fails the build if it does);
//   4. content: assets/tools/<id>.json, with every string in assets/i18n/cy.po.
// A new ACTIVITY of an existing type is only step 4 (docs/adding-an-activity.md).
#pragma once

#include "app/tools/framework/model/activity_content.h"
#include "app/tools/framework/model/activity_result.h"

#include <functional>
#include <string>
#include <vector>

namespace heard::tools {

using ContentProblem = std::function<void(const std::string& path, const std::string& message)>;

struct ActivityType {
    std::string id;
    const char* name = "";           // practitioner-facing, an English msgid marked with N_()
    const char* description = "";    // one line for the practitioner (N_())
    std::vector<StepKind> stepKinds; // the kinds its content may use
    size_t minSteps = 1, maxSteps = 40;
    // Extra rules beyond kinds and counts; report each problem with its JSON path.
    std::function<void(const ActivityContent&, const ContentProblem&)> extraChecks;
    // Extra safety rule beyond unsafe choices and safety scales (may be empty).
    std::function<bool(const ActivityResult&, const ActivityContent&)> extraUnsafe;

    void checkContent(const ActivityContent& content, const ContentProblem& problem) const;
    bool disclosesUnsafe(const ActivityResult& result, const ActivityContent& content) const;
};

class ActivityTypeRegistry {
public:
    // Replaces a type already registered under the same id.
    void add(ActivityType type);
    const ActivityType* find(const std::string& id) const;
    const std::vector<ActivityType>& all() const { return m_types; }

private:
    std::vector<ActivityType> m_types;
};

// The registry of every built-in type; filled on first use by registerBuiltinActivityTypes().
ActivityTypeRegistry& activityTypes();

// Registers every built-in tool's types. Declared here, defined in ONE place above the tools
// (app/tools/builtin_types.cpp, the tool catalogue), so the framework names no concrete tool.
// An explicit call on purpose: static self-registering objects in a static library are dropped
// by the linker when nothing else references them.
void registerBuiltinActivityTypes(ActivityTypeRegistry& registry);

} // namespace heard::tools
