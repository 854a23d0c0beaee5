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
//     "steps": [ {"id","kind","prompt","icon", ...kind fields} ],
//     "ageBands": [                     // optional: a form of the activity for some ages
//       {"id": "under_seven",           //   named in the record, [a-z0-9_]
//        "ages": [3, 6],                //   youngest and oldest age it is for (bands never overlap)
//        "scale": "pictures_3",         //   the form of every scale step: "numbers" (0-10, the
//                                       //   default), "pictures_3" or "pictures_5" (pictures only,
//                                       //   no numbers or words needed, for children who cannot
//                                       //   read yet)
//        "steps": ["how_often", ...]}   //   optional: a short version, these steps in this order;
//     ]                                 //   it must keep every safety question of the activity
//   }
// A child whose age is in no band gets the whole activity with 0-10 scales. The child's age comes
// from their date of birth when the tablet is handed over; the record names the band it used.
// Step kinds and their own fields:
//   face     the child picks one of "faces" and how strongly (1-3); "multiple": true lets the child
//            pick several feelings at once (mixed feelings), each kept, none pre-selected
//   words    the child's words (typed by the child or dictated to the practitioner);
//            "drawing": true lets the child draw instead of or as well as writing
//   scale    0-10; "low"/"high" labels; "unsafeAtOrBelow": n marks a safety question;
//            "lowIcon"/"highIcon" (both or neither, from contentIcons()) picture the two ends for
//            a child who cannot read the words; "tone": "warm" (default: soft blue to sunny
//            yellow, for "how happy") or "stormy" (calm pale to dark storm, for "how often do
//            the grown-ups argue", where more must not look sunnier)
//   choice   "choices": [{"id","label","icon","unsafe": bool}]; "words": true adds a text box
//   place    "people": [{"id","label","icon"}] tokens placed near or far from the child (may be
//            empty: the child's own people and "Add someone" fill the tray, issue 18.2)
// Prompts and titles may name the child's people with placeholders ({grown_ups}, {home_1}...,
// app/model/child_people.h), filled after translation.
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

// The form a scale is shown in (chosen by the content per age band): numbers 0-10, or a row of
// 3 or 5 pictures with no numbers or words a child must read.
enum class ScaleForm {
    Numbers,   // 0..10
    Pictures3, // positions 0..2
    Pictures5  // positions 0..4
};
const char* scaleFormName(ScaleForm form); // "numbers", "pictures_3", "pictures_5"
bool parseScaleForm(const std::string& name, ScaleForm& out);
int scaleFormSteps(ScaleForm form); // 11, 3 or 5 positions
// A position on a form read on the 0-10 line (pictures spread evenly, rounded half up), so a
// safety threshold written for 0-10 applies to every form: on 3 pictures the first is 0, the
// middle 5, the last 10; on 5 pictures 0, 3, 5, 8, 10.
int scaleOnTen(ScaleForm form, int position);

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
    bool allowDrawing = false;                // words: may draw too
    bool allowWords = false;                  // choice: may add words
    std::string lowLabel, highLabel;          // scale (translatable)
    std::string lowIcon, highIcon;            // scale: pictures of the two ends; both empty when not given
    ScaleTone tone = ScaleTone::Warm;         // scale
    ScaleForm scaleForm = ScaleForm::Numbers; // scale: set from the child's age band, never the file
    bool multiple = false;                    // face: several feelings may be chosen
    int unsafeAtOrBelow = -1;                 // scale: -1 when not a safety question
    std::vector<ChoiceOption> choices;        // choice
    std::vector<ChoiceOption> people;         // place (unsafe unused)
    std::string note;                         // a line for the child under the prompt (translatable)
    std::string about;                        // an earlier step whose answer is shown above this one
};

// A form of an activity for some ages (see "ageBands" above).
struct AgeBand {
    std::string id;
    int minAge = 0, maxAge = 0;
    ScaleForm scaleForm = ScaleForm::Numbers;
    std::vector<std::string> steps; // empty: every step
    bool suits(int age) const { return age >= minAge && age <= maxAge; }
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
    std::vector<AgeBand> ageBands;

    const AgeBand* bandForAge(int age) const; // null: no band (or age unknown, -1)
    const AgeBand* findBand(const std::string& id) const;
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

// The activity as a child in `band` does it: the band's steps in its order (all when it lists
// none) with every scale in the band's form. Null band: the content unchanged.
ActivityContent contentForBand(const ActivityContent& content, const AgeBand* band);

// Every translatable string of a content item (for the catalogue completeness test and tools).
std::vector<std::string> translatableStrings(const ActivityContent& content);

} // namespace heard::tools
