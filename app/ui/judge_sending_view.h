// A message to the judge on the practitioner's screens (issue 18.5, NS 4.7): whether the child
// agreed, every record of it being sent, and, once the child has said yes, the form that
// records when and how it was sent. Drawn under the activity on the visit and on the record.
#pragma once

#include "app/tools/framework/model/activity_result.h"
#include "storage/records.h"

namespace heard::ui {

class App;
struct Actions;

void drawJudgeSending(App& app, Actions& actions, const storage::Record& activity,
                      const tools::ActivityResult& result);

} // namespace heard::ui
