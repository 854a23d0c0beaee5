#include "app/tools/parental_conflict/model/conflict_type.h"

#include "app/i18n/i18n.h"

namespace heard::tools {

void registerParentalConflictTypes(ActivityTypeRegistry& registry) {
    ActivityType type;
    type.id = kParentalConflictType;
    type.name = N_("When grown-ups argue");
    type.description = N_(
        "How the grown-ups' arguments reach the child: what they see and hear, feel and do, and who helps.");
    type.stepKinds = {StepKind::Scale, StepKind::Choice, StepKind::Face, StepKind::Words, StepKind::Drawing};
    type.minSteps = 2;
    type.maxSteps = 20;
    registry.add(std::move(type));
}

} // namespace heard::tools
