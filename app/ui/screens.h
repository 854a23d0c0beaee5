// Every screen, registered in one table (screens.cpp). One screen per file:
// screen_<name>.cpp. A screen draws from the App, edits only its own editor's state, and
// queues anything that touches the store or navigation in actions.
#pragma once

#include "app/model/record_fields.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_types.h"

#include <string>
#include <utility>
#include <vector>

namespace heard::ui {

using DrawScreen = void (*)(App& app, Actions& actions);
// What back does on a screen; null: back to the child's page (or the caseload without one).
using BackFromScreen = void (*)(App& app);

struct ScreenSpec {
    ScreenId id;
    const char* name; // stable, for tests and the tour
    DrawScreen draw;
    BackFromScreen back;
    bool practitionerOnly = true; // false only for the unlock screen and child mode
    // A practitioner screen about one child: the "the child has told me something worrying"
    // control is drawn over it (screen_safety_alert.cpp).
    bool aboutChild = false;
};

// The table; a new screen is one entry here and one file.
const std::vector<ScreenSpec>& screenTable();
const ScreenSpec& screenSpec(ScreenId id);

void drawUnlockScreen(App& app, Actions& actions);
void drawCaseloadScreen(App& app, Actions& actions);
void drawChildScreen(App& app, Actions& actions);
void drawVisitScreen(App& app, Actions& actions);
void drawConcernScreen(App& app, Actions& actions);
void drawNotSeenScreen(App& app, Actions& actions);
void drawAddendumScreen(App& app, Actions& actions);
void drawRecordScreen(App& app, Actions& actions);
void drawChildModeScreen(App& app, Actions& actions);
void drawSyncScreen(App& app, Actions& actions);
void drawSkinMapScreen(App& app, Actions& actions);
void drawConflictAnalysisScreen(App& app, Actions& actions);
void drawRiskScreen(App& app, Actions& actions);
void drawSharingScreen(App& app, Actions& actions);
void drawSafetyAlertScreen(App& app, Actions& actions);
void drawSettingsScreen(App& app, Actions& actions);
void drawCourtMatterScreen(App& app, Actions& actions);
void drawChildImpactScreen(App& app, Actions& actions);
void drawIdentityScreen(App& app, Actions& actions);
void drawChildPeopleScreen(App& app, Actions& actions);
// A signed child_people record, read-only: each person's picture and name, the homes.
void drawChildPeopleRecord(const nlohmann::json& payload);
void drawHandOverScreen(App& app, Actions& actions);
void drawReportScreen(App& app, Actions& actions);
void drawWelcomeScreen(App& app, Actions& actions);
// The practitioner's "the child has told me something worrying", over screens about a child.
void drawSafetyControl(App& app, Actions& actions);
// The height of the safety control's bar this frame (the screen below starts after it).
float safetyControlHeight(App& app);

// The header of a screen about one child (child_header.cpp): back, the title, then the
// child's name, age and case number (tag "child.header"). Returns true when back was tapped.
bool childScreenHeader(App& app, const char* backLabel, const char* title);
// Just the child's name, age and case number, for screens with a header of their own.
void drawChildIdentity(App& app);
std::string childIdentityLine(App& app);

// Maps a refused-sign item to its field's tag: prefix + the spec's key for a spec's label,
// prefix + field for one of others (label, field), and the name and pad of the signature.
ProblemField problemFields(const std::string& prefix, std::vector<model::FieldSpec> specs,
                           std::vector<std::pair<std::string, std::string>> others = {});

// The dated addenda under a signed record, oldest first (screen_record.cpp).
void drawAddenda(App& app, const std::string& parentRecordId);

} // namespace heard::ui
