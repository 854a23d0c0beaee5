// Tool content as data: an activity's titles, prompts, choices, pictures and age range live in
// assets/tools/*.json and are validated on load. The code of an activity type (activity_type.h)
// decides how content is used; the content decides what the child sees.
//
// File format ("format": 1), e.g. assets/tools/three_wishes.json:
//   {
//     "format": 1,                      // the schema of this file; only 1 exists
//     "id": "three_wishes",             // unique content id, [a-z0-9_]
//     "version": 3,                     // bump when the words change: records keep the version
//     "type": "three_wishes",           // an ActivityType id (activity_type.h)
//     "title": "Three wishes",          // practitioner-facing name          (translatable)
//     "childTitle": "If you had three wishes...", // shown to the child   (translatable)
//     "guidance": "...",                // notes for the practitioner        (translatable)
//     "icon": "star",                   // one of contentIcons()
//     "ageRange": [5, 17],              // youngest and oldest child it suits
//     "childChoosesOrder": false,       // the child picks which step to start with
//     "faces": [ {"id","label","expression"} ],      // for "face" steps
//     "steps": [ {"id","kind","prompt","icon", ...kind fields} ]
//   }
// Step kinds and their own fields:
//   face     the child picks one of "faces" and how strongly (1-3)
//   words    the child's words (typed by the child or dictated to the practitioner);
//            "drawing": true lets the child draw instead of or as well as writing
//   scale    0-10; "low"/"high" labels; "unsafeAtOrBelow": n marks a safety question;
//            "lowIcon"/"highIcon" (both or neither, from contentIcons()) picture the two ends for
//            a child who cannot read the words; "tone": "warm" (default: soft blue to sunny
//            yellow, for "how happy") or "stormy" (calm pale to dark storm, for "how often do
//            the grown-ups argue", where more must not look sunnier)
//   choice   "choices": [{"id","label","icon","unsafe": bool}]; "words": true adds a text box
//   place    "people": [{"id","label","icon"}] tokens placed near or far from the child
//   drawing  a free drawing canvas
// Any step may also have (issue 18.5):
//   "note"   a short line for the child under the prompt (translatable), e.g. that their parents
//            may read a message to the judge
//   "about"  the id of an earlier step whose answer (the child's drawing, their words) is shown
//            above this one, e.g. "tell me about your picture" under the picture
// Translatable strings (title, childTitle, guidance, prompt, label, low, high, note) are English
// msgids; their Welsh is in assets/i18n/cy.po like every other string in the app.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace heard::tools {

enum class StepKind { Face, Words, Scale, Choice, Place, Drawing };
const char* stepKindName(StepKind kind);

// The faces a child can choose; drawn as vectors by the view from these parameters.
enum class Expression { Happy, Calm, Sad, Angry, Scared, Worried, Confused, Excited };
const char* expressionName(Expression expression);

// The colours of a scale's steps (the view draws them; the content chooses).
enum class ScaleTone {
    Warm,  // soft blue at 0 to sunny yellow at 10: more is better ("how happy")
    Stormy // calm pale at 0 to dark storm at 10: more is worse ("how often do they argue")
};
const char* scaleToneName(ScaleTone tone);

struct FaceOption {
    std::string id;
    std::string label; // translatable
    Expression expression = Expression::Happy;
};

struct ChoiceOption {
    std::string id;
    std::string label; // translatable
    std::string icon;
    bool unsafe = false; // choosing it means the child says they are not safe: flags the record
};

struct Step {
    std::string id;
    StepKind kind = StepKind::Words;
    std::string prompt; // translatable
    std::string icon;
    bool allowDrawing = false;         // words: may draw too
    bool allowWords = false;           // choice: may add words
    std::string lowLabel, highLabel;   // scale (translatable)
    std::string lowIcon, highIcon;     // scale: pictures of the two ends; both empty when not given
    ScaleTone tone = ScaleTone::Warm;  // scale
    int unsafeAtOrBelow = -1;          // scale: -1 when not a safety question
    std::vector<ChoiceOption> choices; // choice
    std::vector<ChoiceOption> people;  // place (unsafe unused)
    std::string note;                  // a line for the child under the prompt (translatable)
    std::string about;                 // an earlier step whose answer is shown above this one
};

struct ActivityContent {
    std::string sourceFile; // where it was loaded from (for messages)
    std::string id;
    int version = 0;
    std::string type;
    std::string title, childTitle, guidance; // translatable
    std::string icon;
    int minAge = 0, maxAge = 17;
    bool childChoosesOrder = false;
    std::vector<FaceOption> faces;
    std::vector<Step> steps;

    const Step* findStep(const std::string& stepId) const;
    int stepIndex(const std::string& stepId) const; // -1 when absent
    bool suitsAge(int age) const { return age >= minAge && age <= maxAge; }
};

// One problem in one content file: "three_wishes.json: /steps/1/prompt: must be a non-empty string".
struct ContentError {
    std::string file;
    std::string path; // JSON pointer into the file, "" for the whole file
    std::string message;
    std::string text() const;
};

// Limits that keep a hostile or damaged file from exhausting memory or the stack.
struct ContentLimits {
    size_t maxFileBytes = 256 * 1024;
    int maxNesting = 16;
    size_t maxStringBytes = 2000;
    size_t maxSteps = 40;
    size_t maxOptions = 24;
};

// The icons content may name; the view draws each as vectors.
const std::vector<std::string>& contentIcons();

// Parses and validates one file's text. On failure returns false and appends every problem
// found (not just the first) to errors. Type-specific rules are checked by the registry's
// ActivityType::validate (activity_type.h) when known types are given.
bool parseContent(const std::string& fileName, const std::string& text, ActivityContent& out,
                  std::vector<ContentError>& errors, const ContentLimits& limits = {});

// Every valid content file of a folder, and the errors of the others. A bad file is skipped
// (its errors kept for the practitioner to see) and never blocks the rest.
struct ContentLibrary {
    std::vector<ActivityContent> activities; // sorted by id: the current version of each
    std::vector<ContentError> errors;
    // Versions a newer one replaced (signed content updates, issue 20 item 4): a record made with
    // one still reads with its own wording.
    std::vector<ActivityContent> earlier;

    const ActivityContent* find(const std::string& id) const;
    std::vector<const ActivityContent*> forAge(int age) const;
    // The content a record made with (id, version) reads with: that very version when known,
    // else the current one (the view then says the wording has changed).
    const ActivityContent* forRecord(const std::string& id, int version) const;
    // Adds a version of an activity: newer than the current one, it becomes current and the
    // current moves to earlier; else it is kept in earlier (once per version).
    void addVersion(ActivityContent content);
};
ContentLibrary loadContentLibrary(const std::string& directory, const ContentLimits& limits = {});

// The catalogue of activities: every valid content file of several folders, read in the order
// given (each folder's files in name order), sorted by id. The activities ARE the files: nothing
// else lists them, so adding an activity is adding one file (docs/adding-an-activity.md). A file
// whose id an earlier file already uses is refused with an error naming both; the rest load.
ContentLibrary loadContentFolders(const std::vector<std::string>& folders, const ContentLimits& limits = {});

// The default folder: $HEARD_TOOLS_DIR, else <assets>/tools.
std::string defaultContentDir();

// The folders the app reads: defaultContentDir(), then each folder named in
// $HEARD_EXTRA_TOOLS_DIRS (separated by ':'), so an activity can be tried out without touching
// the installed assets. loadContentFolders(contentFolders()) is the catalogue the app shows.
std::vector<std::string> contentFolders();

// Every translatable string of a content item (for the catalogue completeness test and tools).
std::vector<std::string> translatableStrings(const ActivityContent& content);

} // namespace heard::tools
